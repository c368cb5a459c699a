package dev.postpurchase.metrics.survey;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.feedback.SurveyType;
import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;
import dev.postpurchase.metrics.kpi.KpiSection;
import reactor.core.publisher.Mono;

/**
 * The voice of the customer, from the survey answers given in the period, as kept in
 * {@link SurveyFacts} from SurveyAnswered on {@code feedback.events} (so a rebuild gives the same
 * numbers; an answer parked until its order is known counts once it is published):
 * <ul>
 * <li>{@code nps}: Net Promoter Score, (promoters (9–10) − detractors (0–6)) / all NPS answers × 100,
 * from −100 to 100; {@code count} is the number of NPS answers.</li>
 * <li>{@code csat}: the share of CSAT answers that are satisfied (4 or 5 of 5), with numerator and
 * denominator.</li>
 * <li>{@code ces}: the mean Customer Effort Score (1–7) and how many answers it summarizes.</li>
 * </ul>
 * Split by the day the customer answered (store zone) and by the order's sales channel (answers of
 * orders whose channel is unknown are left out of that split only). Not split by carrier: an answer
 * is about the order, not a parcel. A KPI without answers has no value.
 */
@Component
class VoiceOfCustomer implements KpiSection {

	private final SurveyFacts facts;

	VoiceOfCustomer(SurveyFacts facts) {
		this.facts = facts;
	}

	@Override
	public Mono<Map<String, Map<String, Kpi>>> compute(Instant from, Instant to, Dimension dimension, ZoneId zone) {
		if (dimension == Dimension.CARRIER || dimension == Dimension.KIND) {
			return Mono.just(Map.of());
		}
		return facts.answeredIn(from, to).collectList().map(answers -> {
			var groups = new TreeMap<String, List<SurveyFact>>();
			if (dimension == Dimension.TOTAL) {
				groups.put(Dimension.ALL, new ArrayList<>()); // the total is there even without answers
			}
			for (var answer : answers) {
				var channel = answer.salesChannel() == null ? null : answer.salesChannel().name();
				dimension.group(answer.answeredAt(), zone, null, channel, null)
					.ifPresent(key -> groups.computeIfAbsent(key, group -> new ArrayList<>()).add(answer));
			}
			var result = new TreeMap<String, Map<String, Kpi>>();
			groups.forEach((group, ofGroup) -> result.put(group, kpis(ofGroup)));
			return result;
		});
	}

	static Map<String, Kpi> kpis(List<SurveyFact> answers) {
		long nps = 0, promoters = 0, detractors = 0, csat = 0, satisfied = 0, ces = 0, effort = 0;
		for (var answer : answers) {
			var score = answer.score();
			if (answer.surveyType() == SurveyType.NPS) {
				nps++;
				promoters += score >= 9 ? 1 : 0;
				detractors += score <= 6 ? 1 : 0;
			}
			else if (answer.surveyType() == SurveyType.CSAT) {
				csat++;
				satisfied += score >= 4 ? 1 : 0;
			}
			else if (answer.surveyType() == SurveyType.CES) {
				ces++;
				effort += score;
			}
		}
		var kpis = new LinkedHashMap<String, Kpi>();
		kpis.put("nps", Kpi.of(nps == 0 ? null : (promoters - detractors) * 100.0 / nps, nps, "score"));
		kpis.put("csat", Kpi.rate(satisfied, csat));
		kpis.put("ces", Kpi.of(ces == 0 ? null : (double) effort / ces, ces, "score"));
		return kpis;
	}

}
