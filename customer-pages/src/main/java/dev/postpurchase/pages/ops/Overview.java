package dev.postpurchase.pages.ops;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import dev.postpurchase.pages.ops.KpiReport.Kpi;

/**
 * What the ops overview shows, as cx-metrics-service counted it.
 *
 * @param today today in {@code zone}, the last day of every range
 * @param zone the store's time zone days are counted in
 * @param day today's KPIs
 * @param week the last {@value OpsKpis#WEEK_DAYS} days' KPIs, with the exception KPIs per kind as groups
 * @param carriers the last {@value OpsKpis#WEEK_DAYS} days' KPIs per carrier
 * @param trend the last {@value OpsKpis#TREND_DAYS} days' KPIs per day; days without events absent
 */
public record Overview(LocalDate today, ZoneId zone, KpiReport day, KpiReport week,
		Map<String, Map<String, Kpi>> carriers, Map<String, Map<String, Kpi>> trend) {

}
