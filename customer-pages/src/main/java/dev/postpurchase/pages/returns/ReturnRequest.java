package dev.postpurchase.pages.returns;

import java.util.List;

/**
 * returns-service's answer to a return request: the return it created, or the rules it refused the
 * request by.
 *
 * @param created the new return; null when refused
 * @param refusals the rules broken ({@code QUANTITY_EXCEEDED}, ...), each with its item's sku when it
 *     is about one; empty when created
 */
public record ReturnRequest(ReturnSummary created, List<Refusal> refusals) {

	/** @param sku the item concerned; null for the whole request */
	public record Refusal(String rule, String sku) {
	}

}
