package dev.postpurchase.pages.returns;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A return as returns-service's customer view shows it, reduced to what the confirmation and label
 * pages use (its {@code label.labelUrl} is not used: it points at returns-service, which customers do
 * not reach; the pages show the label themselves).
 *
 * @param id the reference the customer quotes
 * @param nextStep what the customer does or waits for next ({@code PRINT_LABEL}, {@code DROP_OFF}, ...)
 * @param label the prepaid label of a mail-in return; null without one
 */
public record ReturnSummary(String id, String orderId, String state, String nextStep, String outcome,
		String method, List<Line> lines, Label label) {

	public record Line(String name, int quantity) {
	}

	public record Label(String carrier, String trackingNumber) {
	}

	static ReturnSummary read(JsonNode json) {
		var label = json.path("label");
		return new ReturnSummary(ReturnableOrder.text(json.path("id")), ReturnableOrder.text(json.path("orderId")),
				ReturnableOrder.text(json.path("state")), ReturnableOrder.text(json.path("nextStep")),
				ReturnableOrder.text(json.path("outcome")), ReturnableOrder.text(json.path("method")),
				ReturnableOrder.list(json.path("lines"), line -> new Line(ReturnableOrder.text(line.path("name")),
						line.path("quantity").asInt(0))),
				label.isObject() && ReturnableOrder.text(label.path("trackingNumber")) != null
						? new Label(ReturnableOrder.text(label.path("carrier")),
								ReturnableOrder.text(label.path("trackingNumber")))
						: null);
	}

}
