package dev.postpurchase.order.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.postpurchase.contracts.inbound.InboundOrder;

/**
 * The rules a canonical order must meet, the same whichever way it arrives (REST, Kafka, Shopify).
 * Messages name the field and the rule, never the value: values may be personal data.
 */
public final class OrderValidation {

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

	private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

	private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");

	/** The contract's provider rule: lower-case letters and digits, words joined by single hyphens. */
	private static final Pattern PROVIDER = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

	private static final int MAX_PROVIDER_LENGTH = 64;

	private static final int MAX_PAYMENT_REFERENCE_LENGTH = 255;

	private static final int MAX_ID_LENGTH = 128;

	private static final int MAX_LINES = 500;

	/** ISO 4217's largest minor unit; more decimals than that are no price. */
	private static final int MAX_DECIMALS = 4;

	/**
	 * Above any real price, and small enough that totals stay exact in MongoDB's Decimal128 (34
	 * digits): a larger amount would fail only when stored, as a 500.
	 */
	private static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(15);

	/**
	 * The times an order can have. ISO-8601 reaches a billion years either way, MongoDB's dates
	 * (milliseconds in a long) only 292 million: such a time would fail only when stored, as a 500.
	 */
	private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

	private OrderValidation() {
	}

	/** The broken rules; empty when the order is valid. */
	public static List<String> problems(InboundOrder order) {
		var problems = new ArrayList<String>();
		if (order == null) {
			return List.of("body: an order is required");
		}
		requireId(problems, "source", order.source());
		requireId(problems, "externalOrderId", order.externalOrderId());
		if (order.salesChannel() == null) {
			problems.add("salesChannel: required");
		}
		var customer = order.customer();
		if (customer == null) {
			problems.add("customer: required");
		}
		else {
			requireId(problems, "customer.customerId", customer.customerId());
			if (customer.email() != null && !EMAIL.matcher(customer.email()).matches()) {
				problems.add("customer.email: not an email address");
			}
			if (customer.phone() != null && !E164.matcher(customer.phone()).matches()) {
				problems.add("customer.phone: not an E.164 number (+ and 7 to 15 digits)");
			}
			if (customer.locale() != null && Locale.forLanguageTag(customer.locale()).getLanguage().isEmpty()) {
				problems.add("customer.locale: not a BCP 47 language tag");
			}
			if (customer.consents() == null) {
				problems.add("customer.consents: required");
			}
		}
		if (order.lines() == null || order.lines().isEmpty()) {
			problems.add("lines: at least one line is required");
		}
		else if (order.lines().size() > MAX_LINES) {
			problems.add("lines: at most " + MAX_LINES + " lines");
		}
		else {
			String currency = null;
			for (int i = 0; i < order.lines().size(); i++) {
				var line = order.lines().get(i);
				var at = "lines[" + i + "]";
				if (line == null) {
					problems.add(at + ": must not be null");
					continue;
				}
				requireId(problems, at + ".sku", line.sku());
				if (line.name() == null || line.name().isBlank()) {
					problems.add(at + ".name: required");
				}
				if (line.quantity() < 1) {
					problems.add(at + ".quantity: must be at least 1");
				}
				if (line.unitPrice() == null || line.unitPrice().amount() == null) {
					problems.add(at + ".unitPrice: required");
					continue;
				}
				var amount = line.unitPrice().amount();
				if (amount.signum() < 0) {
					problems.add(at + ".unitPrice.amount: must not be negative");
				}
				else if (amount.compareTo(MAX_AMOUNT) >= 0 || amount.stripTrailingZeros().scale() > MAX_DECIMALS) {
					problems.add(at + ".unitPrice.amount: below 10^15 with at most " + MAX_DECIMALS + " decimals");
				}
				var lineCurrency = line.unitPrice().currency();
				if (lineCurrency == null || !CURRENCY.matcher(lineCurrency).matches()) {
					problems.add(at + ".unitPrice.currency: must be an ISO 4217 code such as EUR");
				}
				else if (currency == null) {
					currency = lineCurrency;
				}
				else if (!currency.equals(lineCurrency)) {
					problems.add(at + ".unitPrice.currency: all lines must be in one currency");
				}
			}
		}
		var address = order.shippingAddress();
		if (address != null && (address.country() == null || !COUNTRY.matcher(address.country()).matches())) {
			problems.add("shippingAddress.country: must be an ISO 3166-1 alpha-2 code such as NL");
		}
		requireInRange(problems, "placedAt", order.placedAt());
		var promise = order.promise();
		if (promise != null) {
			requireInRange(problems, "promise.from", promise.from());
			requireInRange(problems, "promise.by", promise.by());
			if (promise.by() == null) {
				problems.add("promise.by: required when a promise is given");
			}
			if (promise.timeZone() == null) {
				problems.add("promise.timeZone: required when a promise is given");
			}
			if (promise.from() != null && promise.by() != null && promise.from().isAfter(promise.by())) {
				problems.add("promise.from: must not be after promise.by");
			}
		}
		var payment = order.payment();
		if (payment != null) {
			if (payment.provider() == null || payment.provider().isBlank()) {
				problems.add("payment.provider: required when a payment is given");
			}
			else if (payment.provider().length() > MAX_PROVIDER_LENGTH
					|| !PROVIDER.matcher(payment.provider()).matches()) {
				problems.add("payment.provider: must be a lower-case token of at most " + MAX_PROVIDER_LENGTH
						+ " characters such as stripe");
			}
			if (payment.reference() == null || payment.reference().isBlank()) {
				problems.add("payment.reference: required when a payment is given");
			}
			else if (payment.reference().length() > MAX_PAYMENT_REFERENCE_LENGTH) {
				problems.add("payment.reference: at most " + MAX_PAYMENT_REFERENCE_LENGTH + " characters");
			}
		}
		return problems;
	}

	private static void requireInRange(List<String> problems, String field, Instant instant) {
		if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
			problems.add(field + ": must be between 1970 and 9999");
		}
	}

	private static void requireId(List<String> problems, String field, String value) {
		if (value == null || value.isBlank()) {
			problems.add(field + ": required");
		}
		else if (value.length() > MAX_ID_LENGTH) {
			problems.add(field + ": at most " + MAX_ID_LENGTH + " characters");
		}
	}

}
