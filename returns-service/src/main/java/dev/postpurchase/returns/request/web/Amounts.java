package dev.postpurchase.returns.request.web;

import dev.postpurchase.contracts.Money;
import dev.postpurchase.returns.request.ReturnDesk;

/** Minor units shown as money. */
final class Amounts {

	private Amounts() {
	}

	static Money money(long minor, String currency) {
		return currency == null ? null : ReturnDesk.money(minor, currency);
	}

}
