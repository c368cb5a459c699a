package dev.postpurchase.contracts;

import java.math.BigDecimal;

/**
 * An amount in a currency (ISO 4217 code), exact: never a floating point number.
 */
public record Money(BigDecimal amount, String currency) {

	public static Money of(String amount, String currency) {
		return new Money(new BigDecimal(amount), currency);
	}

}
