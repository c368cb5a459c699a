package dev.postpurchase.pages.ops;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import dev.postpurchase.pages.PagesSettings;
import dev.postpurchase.pages.backend.BackendCalls;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * cx-metrics-service's KPIs ({@code GET /api/v1/kpis}, scope {@code metrics:read}) for the ops
 * overview, called with the staff member's own bearer token, which cx-metrics-service checks again:
 * the pages never hold a token of their own. Four calls at once, with days in {@code pages.time-zone}
 * (set it to cx-metrics-service's {@code metrics.zone}): today; the last {@value #WEEK_DAYS} days
 * (today included) split by exception kind and, again, by carrier; and the last {@value #TREND_DAYS}
 * days for their days.
 */
@Component
public class OpsKpis {

	static final String BACKEND = "cx-metrics-service";

	static final String KPIS = "/api/v1/kpis";

	/** How many days "this week" spans, today included. */
	public static final int WEEK_DAYS = 7;

	/** How many days the trend charts span, today included. */
	public static final int TREND_DAYS = 14;

	private final BackendCalls calls;

	private final Clock clock;

	private final ZoneId zone;

	OpsKpis(PagesSettings settings, Clock clock) {
		this.calls = new BackendCalls(BACKEND, settings.backends().cxMetricsService().toString(), settings.timeout());
		this.clock = clock;
		this.zone = settings.timeZone();
	}

	/**
	 * Everything the overview shows, as of now. Fails with a
	 * {@link dev.postpurchase.pages.backend.BackendFailure} when any call does.
	 *
	 * @param bearer the caller's own access token, passed on as it came
	 */
	public Mono<Overview> overview(String bearer) {
		var today = LocalDate.now(clock.withZone(zone));
		var weekStart = today.minusDays(WEEK_DAYS - 1);
		return Mono
			.zip(report(bearer, today, today, null), report(bearer, weekStart, today, "kind"),
					report(bearer, weekStart, today, "carrier"),
					report(bearer, today.minusDays(TREND_DAYS - 1), today, null))
			.map(all -> new Overview(today, zone, all.getT1(), all.getT2(), all.getT3().groups(), all.getT4().days()));
	}

	private Mono<KpiReport> report(String bearer, LocalDate from, LocalDate to, String groupBy) {
		var request = calls.client()
			.get()
			.uri(uri -> uri.path(KPIS)
				.queryParam("from", from)
				.queryParam("to", to)
				.queryParamIfPresent("groupBy", Optional.ofNullable(groupBy))
				.build())
			.headers(headers -> headers.setBearerAuth(bearer))
			.accept(MediaType.APPLICATION_JSON);
		return calls.sendForPage(request, "ops", response -> response.bodyToMono(JsonNode.class).map(KpiReport::read));
	}

}
