package dev.postpurchase.returns.request;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import dev.postpurchase.contracts.returns.ReturnMethod;
import dev.postpurchase.contracts.returns.ReturnOutcome;
import dev.postpurchase.contracts.returns.ReturnReason;
import dev.postpurchase.kit.web.InvalidInput;

/**
 * A return as asked for, by a customer through their link or by an agent.
 *
 * @param lines the items and how many of each (each sku once)
 * @param comment optional free text, at most {@value #MAX_COMMENT} characters
 */
public record NewReturn(String orderId, List<Item> lines, ReturnReason reason, String comment, ReturnOutcome outcome,
		ReturnMethod method) {

	static final int MAX_COMMENT = 1000;

	static final int MAX_LINES = 100;

	/** @param exchangeSku the variant wanted instead; required for an exchange */
	public record Item(String sku, Integer quantity, String exchangeSku) {

	}

	/** Checks what can be checked without the order; a 400 naming every problem. */
	public NewReturn validated() {
		var errors = new ArrayList<String>();
		if (orderId == null || orderId.isBlank()) {
			errors.add("orderId: required");
		}
		if (lines == null || lines.isEmpty()) {
			errors.add("lines: at least one item");
		}
		else if (lines.size() > MAX_LINES) {
			errors.add("lines: at most " + MAX_LINES + " items");
		}
		else {
			var skus = new HashSet<String>();
			for (int i = 0; i < lines.size(); i++) {
				var line = lines.get(i);
				if (line == null || line.sku() == null || line.sku().isBlank()) {
					errors.add("lines[" + i + "].sku: required");
					continue;
				}
				if (!skus.add(line.sku())) {
					errors.add("lines[" + i + "].sku: " + line.sku() + " is listed twice");
				}
				if (line.quantity() == null || line.quantity() < 1) {
					errors.add("lines[" + i + "].quantity: at least 1");
				}
				if (outcome == ReturnOutcome.EXCHANGE && (line.exchangeSku() == null || line.exchangeSku().isBlank())) {
					errors.add("lines[" + i + "].exchangeSku: required for an exchange");
				}
			}
		}
		if (reason == null) {
			errors.add("reason: required, one of " + List.of(ReturnReason.values()));
		}
		if (outcome == null) {
			errors.add("outcome: required, one of " + List.of(ReturnOutcome.values()));
		}
		if (method == null) {
			errors.add("method: required, one of " + List.of(ReturnMethod.values()));
		}
		if (comment != null && comment.length() > MAX_COMMENT) {
			errors.add("comment: at most " + MAX_COMMENT + " characters");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput("The return request is not valid", errors);
		}
		return this;
	}

}
