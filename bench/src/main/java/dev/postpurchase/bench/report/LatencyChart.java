package dev.postpurchase.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import dev.postpurchase.bench.measure.Latencies;

/**
 * An SVG line chart of latency percentiles (p50, p95, p99, max) against offered load, written by
 * hand: logarithmic axes when the values span more than a factor of ten, one line per percentile.
 */
public final class LatencyChart {

	private static final int WIDTH = 760;

	private static final int HEIGHT = 440;

	private static final int LEFT = 80;

	private static final int RIGHT = 150;

	private static final int TOP = 50;

	private static final int BOTTOM = 60;

	/** One point of the chart: a load and its latencies. */
	public record Point(double load, String label, Latencies latencies) {

	}

	private record Series(String name, String color, ToDoubleFunction<Latencies> value) {

	}

	private static final List<Series> SERIES = List.of(new Series("p50", "#1f77b4", Latencies::p50),
			new Series("p95", "#2ca02c", Latencies::p95), new Series("p99", "#ff7f0e", Latencies::p99),
			new Series("max", "#d62728", Latencies::max));

	private LatencyChart() {
	}

	public static String render(String title, List<Point> given) {
		var points = given.stream()
			.filter(point -> point.latencies().measured() && point.load() > 0)
			.sorted(Comparator.comparingDouble(Point::load))
			.toList();
		var svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"sans-serif\" font-size=\"12\">%n",
				WIDTH, HEIGHT, WIDTH, HEIGHT));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
				LEFT, escape(title)));
		if (points.isEmpty()) {
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no latency measured</text>%n", LEFT,
					HEIGHT / 2));
			return svg.append("</svg>\n").toString();
		}
		var x = Axis.of(points.stream().mapToDouble(Point::load).toArray(), LEFT, WIDTH - RIGHT);
		var values = new ArrayList<Double>();
		points.forEach(point -> SERIES.forEach(series -> values.add(series.value().applyAsDouble(point.latencies()))));
		var y = Axis.of(values.stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).toArray(), HEIGHT - BOTTOM,
				TOP);
		int plotLeft = LEFT;
		int plotRight = WIDTH - RIGHT;
		int plotTop = TOP;
		int plotBottom = HEIGHT - BOTTOM;
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n", plotLeft, plotTop,
				plotRight - plotLeft, plotBottom - plotTop));
		for (var tick : y.ticks()) {
			double position = y.position(tick);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n"
							+ "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
					plotLeft, position, plotRight, position, plotLeft - 6, position + 4, number(tick)));
		}
		for (var point : points) {
			double position = x.position(point.load());
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>%n"
							+ "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
					position, plotTop, position, plotBottom, position, plotBottom + 18, escape(point.label())));
		}
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">offered load, carrier updates per second%s</text>%n",
				(plotLeft + plotRight) / 2, HEIGHT - 16, x.log() ? " (log scale)" : ""));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"18\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 18 %d)\">latency, ms%s</text>%n",
				(plotTop + plotBottom) / 2, (plotTop + plotBottom) / 2, y.log() ? " (log scale)" : ""));
		int legend = plotTop + 10;
		for (var series : SERIES) {
			var path = new StringBuilder();
			for (var point : points) {
				double value = series.value().applyAsDouble(point.latencies());
				if (!(value > 0)) {
					continue;
				}
				path.append(path.length() == 0 ? "M" : " L")
					.append(String.format(Locale.ROOT, "%.1f %.1f", x.position(point.load()), y.position(value)));
				svg.append(String.format(Locale.ROOT,
						"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s %s: %s ms</title></circle>%n",
						x.position(point.load()), y.position(value), series.color(), escape(point.label()), series.name(),
						number(value)));
			}
			svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
					path, series.color()));
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
							+ "<text x=\"%d\" y=\"%d\">%s</text>%n",
					plotRight + 16, legend, plotRight + 40, legend, series.color(), plotRight + 46, legend + 4,
					series.name()));
			legend += 20;
		}
		return svg.append("</svg>\n").toString();
	}

	/** A linear or logarithmic mapping of values onto pixels, with round ticks. */
	private record Axis(double min, double max, boolean log, double from, double to) {

		static Axis of(double[] values, double from, double to) {
			double min = Arrays.stream(values).min().orElse(1);
			double max = Arrays.stream(values).max().orElse(10);
			boolean log = min > 0 && max / min > 10;
			if (log) {
				min = Math.pow(10, Math.floor(Math.log10(min)));
				max = Math.pow(10, Math.ceil(Math.log10(max)));
			}
			else {
				double span = max - min;
				double pad = span == 0 ? Math.max(1, Math.abs(max) * 0.1) : span * 0.1;
				min = Math.max(0, min - pad);
				max = max + pad;
			}
			return new Axis(min, max, log, from, to);
		}

		double position(double value) {
			double share = this.log ? (Math.log10(value) - Math.log10(this.min)) / (Math.log10(this.max) - Math.log10(this.min))
					: (value - this.min) / (this.max - this.min);
			return this.from + share * (this.to - this.from);
		}

		List<Double> ticks() {
			var ticks = new ArrayList<Double>();
			if (this.log) {
				for (double tick = this.min; tick <= this.max * 1.0001; tick *= 10) {
					ticks.add(tick);
				}
				return ticks;
			}
			double step = Math.pow(10, Math.floor(Math.log10((this.max - this.min) / 4)));
			if ((this.max - this.min) / step > 8) {
				step *= 2;
			}
			for (double tick = Math.ceil(this.min / step) * step; tick <= this.max; tick += step) {
				ticks.add(tick);
			}
			return ticks;
		}
	}

	private static String number(double value) {
		if (value >= 100 || value == Math.rint(value)) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, "%.1f", value);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
