package dev.postpurchase.contracts.feedback;

/** Net Promoter Score (0-10), Customer Satisfaction (1-5), Customer Effort Score (1-7). */
public enum SurveyType {

	NPS(0, 10), CSAT(1, 5), CES(1, 7);

	private final int min;

	private final int max;

	SurveyType(int min, int max) {
		this.min = min;
		this.max = max;
	}

	public int min() {
		return min;
	}

	public int max() {
		return max;
	}

	public boolean accepts(int score) {
		return score >= min && score <= max;
	}

}
