package dev.postpurchase.returns.request.web;

import java.time.Instant;
import java.util.List;

import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.returns.ReturnMethod;
import dev.postpurchase.contracts.returns.ReturnOutcome;
import dev.postpurchase.contracts.returns.ReturnReason;
import dev.postpurchase.returns.order.MinorUnits;
import dev.postpurchase.returns.request.CustomerReturn;
import dev.postpurchase.returns.request.ReturnState;

/**
 * A return as the APIs show it; amounts as money (decimal and currency). The customer's view leaves
 * out the customer id and who decided.
 *
 * @param nextStep what the customer does, or waits for, next (the confirmation page's "next steps")
 */
record ReturnView(String id, String orderId, String customerId, ReturnState state, NextStep nextStep,
		ReturnReason reason,
		String comment, ReturnOutcome outcome, ReturnMethod method, List<Item> lines, boolean automatic,
		String decidedBy, String rejection, CustomerReturn.Label label, List<CustomerReturn.Inspected> inspection,
		RefundView refund, List<CustomerReturn.Transition> history, Instant createdAt, Instant updatedAt) {

	record Item(String sku, String name, int quantity, Money unitPrice, String exchangeSku) {

	}

	/** @param status ISSUED, FAILED (with the error and whether it is retried), or PENDING */
	record RefundView(String refundId, Money amount, Money shipping, Money restockingFee, String status,
			int attempts, String lastError, Instant nextAttemptAt, String providerRefundId, Instant issuedAt) {

	}

	static ReturnView of(CustomerReturn found) {
		var refund = found.refund();
		return new ReturnView(found.id(), found.orderId(), found.customerId(), found.state(), NextStep.of(found),
				found.reason(),
				found.comment(), found.outcome(), found.method(),
				found.lines().stream()
					.map(line -> new Item(line.sku(), line.name(), line.quantity(),
							money(line.unitPriceMinor(), line.currency()), line.exchangeSku()))
					.toList(),
				found.automatic(), found.decidedBy(), found.rejection(), found.label(), found.inspection(),
				refund == null ? null
						: new RefundView(refund.refundId(), money(refund.amountMinor(), refund.currency()),
								money(refund.shippingMinor(), refund.currency()),
								money(refund.feeMinor(), refund.currency()),
								refund.issuedAt() != null ? "ISSUED" : refund.lastError() != null ? "FAILED" : "PENDING",
								refund.attempts(), refund.lastError(), refund.nextAttemptAt(), refund.providerRefundId(),
								refund.issuedAt()),
				found.history(), found.createdAt(), found.updatedAt());
	}

	private static Money money(long minor, String currency) {
		return currency == null ? null : MinorUnits.toMoney(minor, currency);
	}

	/** What the customer sees of their own return. */
	ReturnView forCustomer() {
		return new ReturnView(id, orderId, null, state, nextStep, reason, comment, outcome, method, lines, automatic, null,
				rejection, label, inspection, refund, history.stream()
					.map(step -> new CustomerReturn.Transition(step.state(), step.at(), null))
					.toList(),
				createdAt, updatedAt);
	}

}
