package dev.postpurchase.returns.order;

import java.math.BigDecimal;
import java.util.Currency;

import dev.postpurchase.contracts.Money;

/**
 * Amounts as whole minor units of their currency (cents for EUR, yen for JPY), the unit refunds are
 * paid in. The number of decimals is the currency's ISO 4217 default
 * ({@link Currency#getDefaultFractionDigits()}).
 *
 * <p>Conversion is exact or fails: an amount with more decimals than its currency has (9.995 EUR),
 * a negative amount, an unknown currency or one without minor units (XAU) and an amount beyond
 * {@code long} are rejected with an {@link IllegalArgumentException}, never rounded, because the
 * contract promises amounts "with the currency's decimals". The messages name only the amount and the
 * currency.
 */
public final class MinorUnits {

	private MinorUnits() {
	}

	/** The number of decimals of an ISO 4217 currency: 2 for EUR, 0 for JPY, 3 for KWD. */
	public static int digits(String currency) {
		if (currency == null) {
			throw new IllegalArgumentException("No currency");
		}
		Currency known;
		try {
			known = Currency.getInstance(currency);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Unknown currency " + currency);
		}
		var digits = known.getDefaultFractionDigits();
		if (digits < 0) {
			throw new IllegalArgumentException("Currency " + currency + " has no minor unit");
		}
		return digits;
	}

	/** The exact amount in minor units: 129.95 EUR is 12995, 1500 JPY is 1500. */
	public static long of(BigDecimal amount, String currency) {
		if (amount == null) {
			throw new IllegalArgumentException("No amount in " + currency);
		}
		if (amount.signum() < 0) {
			throw new IllegalArgumentException("Negative amount " + amount.toPlainString() + " " + currency);
		}
		var minor = amount.movePointRight(digits(currency));
		try {
			return minor.longValueExact();
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException("Amount " + amount.toPlainString() + " " + currency
					+ " is not a whole number of minor units or too large");
		}
	}

	/** {@link #of(BigDecimal, String)} of a contract amount. */
	public static long of(Money money) {
		if (money == null) {
			throw new IllegalArgumentException("No amount");
		}
		return of(money.amount(), money.currency());
	}

	/** A number of minor units as a contract amount with the currency's decimals: 12995 EUR is 129.95 EUR. */
	public static Money toMoney(long minor, String currency) {
		return new Money(BigDecimal.valueOf(minor, digits(currency)), currency);
	}

}
