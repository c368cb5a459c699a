package dev.postpurchase.pages.ops.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The geometry of one trend chart over consecutive days, drawn by the template as inline SVG (no
 * script, no external service, nothing but our own markup under the strict CSP): a bar or a point
 * per day, a y axis from 0 with three labelled gridlines, every other day labelled on the x axis
 * (today always). Numbers are coordinates in the SVG's own {@value #WIDTH} × {@value #HEIGHT} box;
 * CSS scales the whole chart.
 */
final class TrendChart {

	static final int WIDTH = 640;

	static final int HEIGHT = 240;

	private static final double LEFT = 56;

	private static final double RIGHT = 12;

	private static final double TOP = 14;

	private static final double BOTTOM = 40;

	private static final double BAR_SHARE = 0.7;

	private TrendChart() {
	}

	/**
	 * Lays out {@code values} (one per day, oldest first; null where there is none) against a y axis
	 * from 0 to {@code max} (or the values' own nice maximum when {@code max} is null).
	 *
	 * @param dayLabels the x axis label of each day
	 * @param tick how a y axis value is written
	 * @param line a line with a point per day, else a bar per day
	 */
	static Geometry layout(List<Double> values, List<String> dayLabels, Double max, DoubleFunction<String> tick,
			boolean line) {
		var top = max != null ? max.doubleValue()
				: nice(values.stream().filter(value -> value != null).mapToDouble(Double::doubleValue).max().orElse(0));
		var plotWidth = WIDTH - LEFT - RIGHT;
		var plotHeight = HEIGHT - TOP - BOTTOM;
		var baseline = TOP + plotHeight;
		var slot = plotWidth / values.size();
		var ticks = new ArrayList<Tick>();
		var half = top / 2;
		for (var value : half == Math.rint(half) || max != null ? List.of(0.0, half, top) : List.of(0.0, top)) {
			var y = baseline - plotHeight * value / top;
			ticks.add(new Tick(coordinate(y), coordinate(y + 4), tick.apply(value)));
		}
		var bars = new ArrayList<Bar>();
		var points = new ArrayList<Point>();
		var segments = new ArrayList<String>();
		var segment = new StringBuilder();
		var labels = new ArrayList<Label>();
		for (int i = 0; i < values.size(); i++) {
			var center = LEFT + slot * i + slot / 2;
			if ((values.size() - 1 - i) % 2 == 0) {
				labels.add(new Label(coordinate(center), dayLabels.get(i)));
			}
			var value = values.get(i);
			if (value == null) {
				if (segment.length() > 0) {
					segments.add(segment.toString());
					segment.setLength(0);
				}
				continue;
			}
			var y = baseline - plotHeight * Math.min(value, top) / top;
			var text = dayLabels.get(i) + ": " + tick.apply(value);
			if (line) {
				points.add(new Point(coordinate(center), coordinate(y), text));
				segment.append(segment.length() == 0 ? "" : " ")
					.append(coordinate(center))
					.append(',')
					.append(coordinate(y));
			}
			else {
				bars.add(new Bar(coordinate(center - slot * BAR_SHARE / 2), coordinate(y), coordinate(slot * BAR_SHARE),
						coordinate(baseline - y), text));
			}
		}
		if (segment.length() > 0) {
			segments.add(segment.toString());
		}
		return new Geometry(WIDTH, HEIGHT, coordinate(LEFT), coordinate(WIDTH - RIGHT), coordinate(baseline),
				coordinate(HEIGHT - 12), ticks, labels, bars, points,
				segments.stream().map(Segment::new).toList());
	}

	/** The smallest of 1, 2, 5 × 10ⁿ at or above {@code max}; 1 for nothing. */
	static double nice(double max) {
		if (max <= 1) {
			return 1;
		}
		var magnitude = Math.pow(10, Math.floor(Math.log10(max)));
		for (var step : new double[] { 1, 2, 5, 10 }) {
			if (step * magnitude >= max) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static String coordinate(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/**
	 * The drawing.
	 *
	 * @param left the plot's left edge (the y axis), {@code right} its right edge
	 * @param baseline the y of the value 0 (the x axis)
	 * @param labelY the y of the day labels
	 */
	record Geometry(int width, int height, String left, String right, String baseline, String labelY,
			List<Tick> ticks, List<Label> labels, List<Bar> bars, List<Point> points, List<Segment> segments) {
	}

	/** A y axis gridline at {@code y} with its label, written at {@code textY}. */
	record Tick(String y, String textY, String text) {
	}

	/** A day's label on the x axis, centred on {@code x}. */
	record Label(String x, String text) {
	}

	/** One day's bar; {@code text} its value in words, for its tooltip. */
	record Bar(String x, String y, String width, String height, String text) {
	}

	/** One day's point on the line. */
	record Point(String x, String y, String text) {
	}

	/** A run of consecutive days with values: an SVG polyline's points. */
	record Segment(String points) {
	}

}
