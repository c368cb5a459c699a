package dev.postpurchase.pages.survey;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.MultiValueMap;

/**
 * What the customer sent with the survey form, checked: each question is optional, but at least one
 * must be answered; scores only from their scale; the comment at most {@value #LONGEST_COMMENT}
 * characters (as cx-metrics-service takes it). Errors are message keys per form field
 * ({@code nps}, {@code csat}, {@code ces}, {@code comment}, or {@code answers} for "none answered").
 *
 * @param scores the answered questions
 * @param comment the comment, {@code null} when blank
 * @param rawScores what was sent per field, to show the form again as it was
 * @param errors field to message key; empty when the form is fine
 */
public record SurveyForm(Map<SurveyType, Integer> scores, String comment, Map<String, String> rawScores,
		Map<String, String> errors) {

	public static final int LONGEST_COMMENT = 1000;

	/** An empty form, as first shown. */
	public static SurveyForm empty() {
		return new SurveyForm(Map.of(), null, Map.of(), Map.of());
	}

	/** Reads and checks the posted form. */
	public static SurveyForm read(MultiValueMap<String, String> form) {
		var scores = new EnumMap<SurveyType, Integer>(SurveyType.class);
		var raw = new LinkedHashMap<String, String>();
		var errors = new LinkedHashMap<String, String>();
		for (var type : SurveyType.values()) {
			var value = form.getFirst(type.field());
			if (value == null || value.isBlank()) {
				continue;
			}
			raw.put(type.field(), value.trim());
			try {
				var score = Integer.parseInt(value.trim());
				if (type.accepts(score)) {
					scores.put(type, score);
					continue;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			errors.put(type.field(), "surveyErrorScale");
		}
		var comment = form.getFirst("comment");
		// browsers send line breaks as CRLF but count them as one character against maxlength
		comment = comment == null || comment.isBlank() ? null : comment.replace("\r\n", "\n").strip();
		if (comment != null && comment.length() > LONGEST_COMMENT) {
			errors.put("comment", "surveyErrorCommentTooLong");
		}
		if (scores.isEmpty() && errors.isEmpty()) {
			errors.put("answers", "surveyErrorNoAnswer");
		}
		return new SurveyForm(Map.copyOf(scores), comment, Map.copyOf(raw), Map.copyOf(errors));
	}

	public boolean valid() {
		return errors.isEmpty();
	}

}
