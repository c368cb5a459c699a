package dev.postpurchase.pages.survey;

import java.util.stream.IntStream;

/**
 * The three survey questions and their scales, as cx-metrics-service takes them. {@code field} is the
 * form field and the key prefix of the question's texts.
 */
public enum SurveyType {

	NPS("nps", 0, 10), CSAT("csat", 1, 5), CES("ces", 1, 7);

	private final String field;

	private final int min;

	private final int max;

	SurveyType(String field, int min, int max) {
		this.field = field;
		this.min = min;
		this.max = max;
	}

	public String field() {
		return field;
	}

	public int min() {
		return min;
	}

	public int max() {
		return max;
	}

	public IntStream scores() {
		return IntStream.rangeClosed(min, max);
	}

	public boolean accepts(int score) {
		return score >= min && score <= max;
	}

}
