package dev.postpurchase.pages.returns;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.util.MultiValueMap;

/**
 * What the customer chose on the return form, checked before anything is sent: at least one item
 * with a quantity above 0 (fields {@code quantity-<sku>}), a reason, an outcome and a method, a
 * comment of at most {@value #LONGEST_COMMENT} characters. Whether the items and quantities may be
 * returned is returns-service's to decide. Errors are message keys per field ({@code lines},
 * {@code reason}, {@code outcome}, {@code method}, {@code comment}).
 *
 * @param quantities sku to quantity, in the form's order, only those above 0
 * @param comment the comment, null when blank
 */
public record ReturnChoice(Map<String, Integer> quantities, String reason, String outcome, String method,
		String comment, Map<String, String> errors) {

	public static final int LONGEST_COMMENT = 1000;

	/** The prefix of a quantity field; the rest of its name is the sku. */
	public static final String QUANTITY_FIELD = "quantity-";

	private static final Pattern CODE = Pattern.compile("[A-Z][A-Z_]{0,39}");

	/** Nothing chosen yet, as the form is first shown. */
	public static ReturnChoice empty() {
		return new ReturnChoice(Map.of(), null, null, null, null, Map.of());
	}

	public static ReturnChoice read(MultiValueMap<String, String> form) {
		var errors = new LinkedHashMap<String, String>();
		var quantities = new LinkedHashMap<String, Integer>();
		form.forEach((field, values) -> {
			if (!field.startsWith(QUANTITY_FIELD) || field.length() == QUANTITY_FIELD.length() || values.isEmpty()) {
				return;
			}
			var value = values.get(0) == null ? "" : values.get(0).trim();
			if (value.isEmpty()) {
				return;
			}
			try {
				var quantity = Integer.parseInt(value);
				if (quantity < 0) {
					errors.put("lines", "returnErrorQuantity");
				}
				else if (quantity > 0) {
					quantities.put(field.substring(QUANTITY_FIELD.length()), quantity);
				}
			}
			catch (NumberFormatException ex) {
				errors.put("lines", "returnErrorQuantity");
			}
		});
		if (quantities.isEmpty() && !errors.containsKey("lines")) {
			errors.put("lines", "returnErrorNoItems");
		}
		var reason = code(form.getFirst("reason"));
		if (reason == null) {
			errors.put("reason", "returnErrorReason");
		}
		var outcome = code(form.getFirst("outcome"));
		if (outcome == null) {
			errors.put("outcome", "returnErrorOutcome");
		}
		var method = code(form.getFirst("method"));
		if (method == null) {
			errors.put("method", "returnErrorMethod");
		}
		var comment = form.getFirst("comment");
		// browsers send line breaks as CRLF but count them as one character against maxlength
		comment = comment == null || comment.isBlank() ? null : comment.replace("\r\n", "\n").strip();
		if (comment != null && comment.length() > LONGEST_COMMENT) {
			errors.put("comment", "returnErrorCommentTooLong");
		}
		return new ReturnChoice(quantities, reason, outcome, method, comment, Map.copyOf(errors));
	}

	public boolean valid() {
		return errors.isEmpty();
	}

	private static String code(String value) {
		return value == null || !CODE.matcher(value.trim()).matches() ? null : value.trim();
	}

}
