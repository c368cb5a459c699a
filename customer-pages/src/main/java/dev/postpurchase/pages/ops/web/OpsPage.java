package dev.postpurchase.pages.ops.web;

import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.Rendering;

import dev.postpurchase.pages.ops.KpiReport;
import dev.postpurchase.pages.ops.KpiReport.Kpi;
import dev.postpurchase.pages.ops.OpsKpis;
import dev.postpurchase.pages.ops.Overview;
import dev.postpurchase.pages.page.Dates;
import dev.postpurchase.pages.page.Pages;
import dev.postpurchase.pages.page.Pages.Page;

/**
 * Builds the ops overview's view model: every number formatted here for the reader's language (a
 * ratio as "92 %", what it was computed from as "23 / 25", a KPI without a value as "—"), the charts
 * laid out by {@link TrendChart}, the tables sorted with the largest first. The template only prints.
 */
@Component
class OpsPage {

	/** What a KPI without a value shows. */
	static final String NO_VALUE = "—";

	/** The big numbers, by section: the section's title key, then its KPIs. */
	private static final Map<String, List<String>> SECTIONS = sections();

	private static final int BAR_WIDTH = 160;

	private static final double SECONDS_PER_HOUR = 3600;

	private static final double HOURS_SHOWN_AS_HOURS = 48;

	private final Pages pages;

	OpsPage(Pages pages) {
		this.pages = pages;
	}

	Rendering render(Overview overview, Locale locale) {
		var page = pages.page(locale, "opsTitle");
		var sections = new ArrayList<SectionView>();
		SECTIONS.forEach((title, names) -> sections.add(new SectionView(title, page.text(title),
				names.stream()
					.map(name -> new KpiView(name, page.text("opsKpi_" + name),
							figure(page, overview.day().total(name)), figure(page, overview.week().total(name))))
					.toList())));
		var days = new ArrayList<LocalDate>();
		for (var day = overview.today().minusDays(OpsKpis.TREND_DAYS - 1); !day.isAfter(overview.today()); day = day
			.plusDays(1)) {
			days.add(day);
		}
		var charts = List.of(
				chart(page, "on-time", "opsChart_onTime", days, overview.trend(),
						kpis -> value(kpis.get("onTimeDeliveryRate")), true),
				chart(page, "exceptions", "opsChart_exceptions", days, overview.trend(),
						kpis -> numerator(kpis.get("exceptionsPer100Shipments")), false),
				chart(page, "notifications", "opsChart_notifications", days, overview.trend(), OpsPage::sent, false),
				chart(page, "returns", "opsChart_returns", days, overview.trend(), OpsPage::returns, false));
		return page.languageSwitch("/ops")
			.with("wide", true)
			.with("staff", true)
			.with("intro", page.text("opsIntro", Dates.day(overview.today(), locale), overview.zone().getId()))
			.with("sections", sections)
			.with("charts", charts)
			.with("byKind", exceptionTable(page, overview.week().groups(), "opsKind_", null))
			.with("byCarrier", exceptionTable(page, overview.carriers(), null, "onTimeDeliveryRate"))
			.with("outcomes", outcomes(page, overview.week()))
			.with("reasons", reasons(page, overview.week()))
			.render("ops/overview");
	}

	/** A KPI's value in its unit and what it was computed from. */
	static Figure figure(Page page, Kpi kpi) {
		String detail = null;
		if (kpi.numerator() != null && kpi.denominator() != null) {
			detail = whole(page.locale(), kpi.numerator()) + " / " + whole(page.locale(), kpi.denominator());
		}
		else if (kpi.count() != null && !"count".equals(kpi.unit())) {
			detail = page.text("opsCount", whole(page.locale(), kpi.count()));
		}
		return new Figure(kpi.value() == null ? NO_VALUE : formatted(page, kpi.value(), kpi.unit()), detail);
	}

	private static String formatted(Page page, double value, String unit) {
		var locale = page.locale();
		return switch (unit == null ? "" : unit) {
			case "ratio" -> percent(page, value);
			case "seconds" -> duration(page, value);
			case "hours" -> duration(page, value * SECONDS_PER_HOUR);
			default -> decimal(locale, value);
		};
	}

	private static String percent(Page page, double ratio) {
		return page.text("opsPercent", decimal(page.locale(), ratio * 100));
	}

	/** Hours up to two days, days beyond. */
	private static String duration(Page page, double seconds) {
		var hours = seconds / SECONDS_PER_HOUR;
		return Math.abs(hours) < HOURS_SHOWN_AS_HOURS ? page.text("opsHours", decimal(page.locale(), hours))
				: page.text("opsDays", decimal(page.locale(), hours / 24));
	}

	/** At most one decimal, in the language's way: "91.7", "91,7". */
	static String decimal(Locale locale, double value) {
		var format = NumberFormat.getNumberInstance(locale);
		format.setMaximumFractionDigits(1);
		format.setRoundingMode(RoundingMode.HALF_UP);
		return format.format(value);
	}

	private static String whole(Locale locale, long value) {
		return NumberFormat.getIntegerInstance(locale).format(value);
	}

	private static ChartView chart(Page page, String id, String titleKey, List<LocalDate> days,
			Map<String, Map<String, Kpi>> trend, Function<Map<String, Kpi>, Double> series, boolean rate) {
		var locale = page.locale();
		var values = new ArrayList<Double>();
		var rows = new ArrayList<ChartRow>();
		var labels = new ArrayList<String>();
		for (var day : days) {
			var kpis = trend.get(day.toString());
			// a day without events is not in the answer: nothing to rate, nothing counted
			var value = kpis == null ? (rate ? null : 0.0) : series.apply(kpis);
			values.add(value);
			labels.add(Dates.dayMonth(day, locale));
			rows.add(new ChartRow(Dates.day(day, locale), value == null ? NO_VALUE : written(page, value, rate)));
		}
		var title = page.text(titleKey);
		var known = values.stream().filter(value -> value != null).toList();
		var first = Dates.dayMonth(days.get(0), locale);
		var last = Dates.dayMonth(days.get(days.size() - 1), locale);
		var desc = known.isEmpty() ? page.text("opsChartDescEmpty", title, first, last)
				: page.text("opsChartDesc", title, first, last,
						written(page, known.stream().mapToDouble(Double::doubleValue).min().orElse(0), rate),
						written(page, known.stream().mapToDouble(Double::doubleValue).max().orElse(0), rate),
						values.get(values.size() - 1) == null ? NO_VALUE
								: written(page, values.get(values.size() - 1), rate));
		var geometry = TrendChart.layout(values, labels, rate ? 100.0 : null,
				tick -> rate ? page.text("opsPercent", decimal(locale, tick)) : decimal(locale, tick), rate);
		return new ChartView("chart-" + id, title, desc, rate, geometry, rows);
	}

	/** A chart value in words: a rate (given as a ratio, charted as a percentage) or a count. */
	private static String written(Page page, double value, boolean rate) {
		return rate ? page.text("opsPercent", decimal(page.locale(), value)) : decimal(page.locale(), value);
	}

	private static Double value(Kpi kpi) {
		return kpi == null || kpi.value() == null ? null : kpi.value() * 100;
	}

	private static Double numerator(Kpi kpi) {
		return kpi == null || kpi.numerator() == null ? 0.0 : kpi.numerator().doubleValue();
	}

	/** Messages sent: the failure rate's denominator (sent + failed for good) less its numerator. */
	private static Double sent(Map<String, Kpi> kpis) {
		var failure = kpis.get("notificationFailureRate");
		return failure == null || failure.denominator() == null || failure.numerator() == null ? 0.0
				: (double) (failure.denominator() - failure.numerator());
	}

	/** Returns requested: the {@code returns.<REASON>} counts added up. */
	private static Double returns(Map<String, Kpi> kpis) {
		return kpis.entrySet()
			.stream()
			.filter(kpi -> kpi.getKey().startsWith("returns.") && kpi.getValue().value() != null)
			.mapToDouble(kpi -> kpi.getValue().value())
			.sum();
	}

	/**
	 * Open and raised exceptions per group, most open first.
	 *
	 * @param namePrefix the message prefix naming a group ({@code opsKind_}); null to show the group as it is
	 * @param rateName a rate KPI to show beside them; may be null
	 */
	private static TableView exceptionTable(Page page, Map<String, Map<String, Kpi>> groups, String namePrefix,
			String rateName) {
		var locale = page.locale();
		var rows = groups.entrySet().stream().map(group -> {
			var open = group.getValue().getOrDefault("openExceptions", Kpi.ABSENT);
			var raised = group.getValue().getOrDefault("exceptionsPer100Shipments", Kpi.ABSENT);
			var rate = rateName == null ? null : group.getValue().getOrDefault(rateName, Kpi.ABSENT);
			return new Counted(group.getKey(), open.value() == null ? 0 : open.value().longValue(),
					raised.numerator() == null ? 0 : raised.numerator(), rate);
		}).filter(row -> namePrefix == null || row.open() > 0 || row.raised() > 0)
			.sorted(Comparator.comparingLong(Counted::open).thenComparingLong(Counted::raised).reversed()
				.thenComparing(Counted::key))
			.toList();
		var most = rows.stream().mapToLong(Counted::open).max().orElse(0);
		var views = rows.stream().map(row -> {
			String name = namePrefix == null ? row.key() : page.text(namePrefix + row.key());
			return new RowView(name != null ? name : row.key(), whole(locale, row.open()), bar(row.open(), most),
					whole(locale, row.raised()), row.rate() == null ? null : figure(page, row.rate()));
		}).toList();
		return new TableView(views.isEmpty() ? null : views, rateName != null);
	}

	/** The week's messages by outcome: sent, failed for good, suppressed, each with its share. */
	private static ShareTable outcomes(Page page, KpiReport week) {
		var failure = week.total("notificationFailureRate");
		var suppression = week.total("notificationSuppressionRate");
		if (failure.denominator() == null || suppression.numerator() == null) {
			return new ShareTable(false, List.of(), null);
		}
		var failed = failure.numerator();
		var sent = failure.denominator() - failed;
		var suppressed = suppression.numerator();
		return shares(page, List.of(new Counted("sent", sent, 0, null), new Counted("failed", failed, 0, null),
				new Counted("suppressed", suppressed, 0, null)), "opsOutcome_", false);
	}

	/** The week's returns by reason ({@code returns.<REASON>}), most first. */
	private static ShareTable reasons(Page page, KpiReport week) {
		var reasons = week.total()
			.entrySet()
			.stream()
			.filter(kpi -> kpi.getKey().startsWith("returns.") && kpi.getValue().value() != null)
			.map(kpi -> new Counted(kpi.getKey().substring("returns.".length()), kpi.getValue().value().longValue(), 0,
					null))
			.toList();
		return shares(page, reasons, "returnReason_", true);
	}

	private static ShareTable shares(Page page, List<Counted> counted, String namePrefix, boolean sorted) {
		var total = counted.stream().mapToLong(Counted::open).sum();
		if (total == 0) {
			return new ShareTable(false, List.of(), null);
		}
		var most = counted.stream().mapToLong(Counted::open).max().orElse(0);
		var rows = (sorted ? counted.stream()
			.sorted(Comparator.comparingLong(Counted::open).reversed().thenComparing(Counted::key)) : counted.stream())
			.map(row -> {
				var name = page.text(namePrefix + row.key());
				return new ShareView(name != null ? name : row.key(), whole(page.locale(), row.open()),
						percent(page, (double) row.open() / total), bar(row.open(), most));
			})
			.toList();
		return new ShareTable(true, rows, page.text("opsTotal", whole(page.locale(), total)));
	}

	/** A bar's width in the table's SVG, the largest value filling it. */
	private static String bar(long value, long most) {
		return most == 0 ? "0" : String.format(Locale.ROOT, "%.1f", BAR_WIDTH * (double) value / most);
	}

	private static Map<String, List<String>> sections() {
		var sections = new LinkedHashMap<String, List<String>>();
		sections.put("opsSectionDelivery", List.of("onTimeDeliveryRate", "openExceptions", "exceptionsPer100Shipments"));
		sections.put("opsSectionNotifications", List.of("notificationDeliveryRate", "notificationFailureRate",
				"notificationSuppressionRate", "emailOpenRate", "emailClickThroughRate"));
		sections.put("opsSectionReturns", List.of("returnRate", "refundCycleSecondsP90"));
		sections.put("opsSectionVoice", List.of("nps", "csat", "ces"));
		sections.put("opsSectionSupport", List.of("firstContactResolutionRate", "wismoRate"));
		return Collections.unmodifiableMap(sections);
	}

	/** A group's counts: {@code open} (or any count), {@code raised}, and a rate beside them. */
	private record Counted(String key, long open, long raised, Kpi rate) {
	}

	/** A KPI's value as shown ("92 %", "—") and what it was computed from ("23 / 25"; may be null). */
	record Figure(String value, String detail) {
	}

	/** One KPI's big numbers: today and the last 7 days. */
	record KpiView(String id, String label, Figure today, Figure week) {
	}

	record SectionView(String id, String title, List<KpiView> kpis) {
	}

	/** A chart: its SVG geometry and the same numbers as a table. */
	record ChartView(String id, String title, String desc, boolean line, TrendChart.Geometry geometry,
			List<ChartRow> rows) {
	}

	record ChartRow(String day, String value) {
	}

	/** Exceptions per kind or carrier; {@code rows} null when there are none. */
	record TableView(List<RowView> rows, boolean withRate) {
	}

	/** One kind or carrier: open now (with its bar's width), raised in the week, and a rate (may be null). */
	record RowView(String name, String open, String bar, String raised, Figure rate) {
	}

	/** Counts with their shares; {@code present} whether there is any, {@code total} in words. */
	record ShareTable(boolean present, List<ShareView> rows, String total) {
	}

	record ShareView(String name, String count, String share, String bar) {
	}

}
