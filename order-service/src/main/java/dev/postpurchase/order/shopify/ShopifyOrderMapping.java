package dev.postpurchase.order.shopify;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.order.Address;
import dev.postpurchase.contracts.order.Consents;
import dev.postpurchase.contracts.order.Customer;
import dev.postpurchase.contracts.order.OrderCancelled.CancelReason;
import dev.postpurchase.contracts.order.OrderLine;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.contracts.order.ShippedLine;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.order.orders.OrderSettings;

/**
 * Turns Shopify's order payload into the canonical order, the same for every way in.
 *
 * <ul>
 * <li>{@code source} is {@code shopify}, {@code externalOrderId} the Shopify order {@code id} as text;
 * the sales channel comes from {@code source_name} ({@code web}, {@code pos}, the mobile apps, else
 * OTHER).</li>
 * <li>The customer is {@code shopify-<customer.id>}, or {@code shopify-guest-<order id>} for a guest
 * checkout; locale from {@code customer_locale} (default {@code en}); time zone the store's, since
 * Shopify does not send the customer's.</li>
 * <li>Consents: Shopify only records <em>marketing</em> consent, while order-service sends
 * transactional updates (shipped, delayed, delivered). So email is allowed whenever there is an email
 * address (transactional email needs no marketing opt-in); SMS only when the customer is
 * {@code subscribed} in {@code sms_marketing_consent}, as text messages to a phone number given for
 * delivery alone are not expected; WhatsApp never, as Shopify has no WhatsApp opt-in.</li>
 * <li>Lines: {@code sku}, or the {@code variant_id} when the sku is empty (or {@code line-<id>} for a
 * custom item without variant) so fulfillments, which name the same line items, match; unit price is
 * {@code price} in the order's {@code currency}; category from {@code product_type} where present;
 * never final sale (Shopify has no such flag).</li>
 * <li>No delivery promise: Shopify sends none, so the configured default applies.</li>
 * <li>No payment: the order webhook only names the gateways ({@code payment_gateway_names}, for
 * example {@code shopify_payments} or {@code manual}) and carries no transactions, so there is no
 * reference a refund could be made against (no Stripe PaymentIntent id; a Shopify order is refunded
 * through Shopify's own refund API, by order). The canonical {@code payment} stays absent, and
 * refunds of Shopify orders are not made automatically against the original payment.</li>
 * <li>Contact data that would not pass the canonical rules (a phone number that is not E.164 after
 * dropping separators, an address without a country code) is left out rather than failing the
 * whole order.</li>
 * </ul>
 */
@Component
class ShopifyOrderMapping {

	static final String SOURCE = "shopify";

	private static final String DEFAULT_LOCALE = "en";

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

	private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s().\\-/]");

	private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");

	private final ZoneId storeTimeZone;

	ShopifyOrderMapping(OrderSettings settings) {
		this.storeTimeZone = settings.storeTimeZone();
	}

	/** The order-service id of a Shopify order. */
	static OrderId orderId(Long shopifyOrderId) {
		return OrderId.of(SOURCE, String.valueOf(shopifyOrderId));
	}

	/** The customer id of a Shopify customer. */
	static String customerId(Long shopifyCustomerId) {
		return SOURCE + "-" + shopifyCustomerId;
	}

	/** The customer id of a guest checkout, which has no Shopify customer: one per order. */
	static String guestCustomerId(Long shopifyOrderId) {
		return SOURCE + "-guest-" + shopifyOrderId;
	}

	/** The canonical order; a payload without the data an order needs is a 400 naming the fields. */
	InboundOrder toInboundOrder(ShopifyOrder order) {
		var problems = new ArrayList<String>();
		if (order.id() == null) {
			problems.add("id: required");
		}
		if (order.currency() == null || order.currency().isBlank()) {
			problems.add("currency: required");
		}
		var lines = lines(order, problems);
		if (!problems.isEmpty()) {
			throw new InvalidShopifyPayloadException(problems);
		}
		var placedAt = order.createdAt() != null ? order.createdAt() : order.processedAt();
		return new InboundOrder(SOURCE, String.valueOf(order.id()), salesChannel(order.sourceName()),
				customer(order), lines, address(order.shippingAddress()), null, placedAt);
	}

	/** What a fulfillment shipped, with the same sku rule as the order's lines. */
	static List<ShippedLine> shippedLines(ShopifyFulfillment fulfillment) {
		var items = fulfillment.lineItems() == null ? List.<ShopifyFulfillment.LineItem>of() : fulfillment.lineItems();
		var problems = new ArrayList<String>();
		var shipped = new ArrayList<ShippedLine>();
		for (int i = 0; i < items.size(); i++) {
			var item = items.get(i);
			if (item == null || item.quantity() == null) {
				problems.add("line_items[" + i + "].quantity: required");
				continue;
			}
			var sku = sku(item.sku(), item.variantId(), item.id());
			if (sku == null) {
				problems.add("line_items[" + i + "]: a sku, variant_id or id is required");
				continue;
			}
			shipped.add(new ShippedLine(sku, item.quantity()));
		}
		if (!problems.isEmpty()) {
			throw new InvalidShopifyPayloadException(problems);
		}
		return shipped;
	}

	static SalesChannel salesChannel(String sourceName) {
		if (sourceName == null) {
			return SalesChannel.OTHER;
		}
		return switch (sourceName.trim().toLowerCase(Locale.ROOT)) {
			case "web" -> SalesChannel.WEB;
			case "pos" -> SalesChannel.POS;
			case "iphone", "android", "mobile_app", "mobile-app", "mobile app" -> SalesChannel.MOBILE_APP;
			default -> SalesChannel.OTHER;
		};
	}

	/** Shopify's {@code cancel_reason}: customer, fraud, inventory, declined, staff, other. */
	static CancelReason cancelReason(String reason) {
		if (reason == null) {
			return CancelReason.OTHER;
		}
		return switch (reason.trim().toLowerCase(Locale.ROOT)) {
			case "customer" -> CancelReason.CUSTOMER;
			case "fraud" -> CancelReason.FRAUD;
			case "inventory" -> CancelReason.INVENTORY;
			case "declined" -> CancelReason.DECLINED;
			case "staff" -> CancelReason.STAFF;
			default -> CancelReason.OTHER;
		};
	}

	private static List<OrderLine> lines(ShopifyOrder order, List<String> problems) {
		if (order.lineItems() == null || order.lineItems().isEmpty()) {
			problems.add("line_items: at least one line item is required");
			return List.of();
		}
		var lines = new ArrayList<OrderLine>();
		for (int i = 0; i < order.lineItems().size(); i++) {
			var item = order.lineItems().get(i);
			var at = "line_items[" + i + "]";
			if (item == null) {
				problems.add(at + ": must not be null");
				continue;
			}
			var sku = sku(item.sku(), item.variantId(), item.id());
			if (sku == null) {
				problems.add(at + ": a sku, variant_id or id is required");
			}
			var name = firstNonBlank(item.name(), item.title());
			if (name == null) {
				problems.add(at + ".name: required (or title)");
			}
			if (item.quantity() == null) {
				problems.add(at + ".quantity: required");
			}
			BigDecimal price = null;
			if (item.price() == null || item.price().isBlank()) {
				problems.add(at + ".price: required");
			}
			else {
				try {
					price = new BigDecimal(item.price().trim());
				}
				catch (NumberFormatException ex) {
					problems.add(at + ".price: not a decimal amount");
				}
			}
			if (sku != null && name != null && item.quantity() != null && price != null) {
				lines.add(new OrderLine(sku, name, item.quantity(), new Money(price, order.currency()),
						blankToNull(item.productType()), false));
			}
		}
		return lines;
	}

	private Customer customer(ShopifyOrder order) {
		var buyer = order.customer();
		var customerId = buyer != null && buyer.id() != null ? customerId(buyer.id()) : guestCustomerId(order.id());
		var email = email(firstNonBlank(order.email(), order.contactEmail(), buyer == null ? null : buyer.email()));
		var phone = phone(firstNonBlank(order.phone(), buyer == null ? null : buyer.phone()));
		var name = buyer == null ? null : fullName(buyer.firstName(), buyer.lastName());
		if (name == null && order.shippingAddress() != null) {
			name = addressName(order.shippingAddress());
		}
		var smsConsent = buyer != null && buyer.smsMarketingConsent() != null ? buyer.smsMarketingConsent()
				: order.smsMarketingConsent();
		var sms = smsConsent != null && "subscribed".equalsIgnoreCase(smsConsent.state());
		return new Customer(customerId, email, phone, name, locale(order.customerLocale()), storeTimeZone,
				new Consents(email != null, sms, false));
	}

	private static Address address(ShopifyOrder.Address address) {
		if (address == null || address.countryCode() == null) {
			return null;
		}
		var country = address.countryCode().trim().toUpperCase(Locale.ROOT);
		if (!COUNTRY.matcher(country).matches()) {
			return null;
		}
		return new Address(addressName(address), blankToNull(address.address1()), blankToNull(address.address2()),
				blankToNull(address.zip()), blankToNull(address.city()), blankToNull(address.province()), country);
	}

	private static String addressName(ShopifyOrder.Address address) {
		var name = blankToNull(address.name());
		return name != null ? name : fullName(address.firstName(), address.lastName());
	}

	static String locale(String customerLocale) {
		if (customerLocale == null || customerLocale.isBlank()) {
			return DEFAULT_LOCALE;
		}
		var locale = Locale.forLanguageTag(customerLocale.trim().replace('_', '-'));
		return locale.getLanguage().isEmpty() ? DEFAULT_LOCALE : locale.toLanguageTag();
	}

	static String phone(String phone) {
		if (phone == null) {
			return null;
		}
		var compact = PHONE_SEPARATORS.matcher(phone.trim()).replaceAll("");
		return E164.matcher(compact).matches() ? compact : null;
	}

	private static String email(String email) {
		return email != null && EMAIL.matcher(email.trim()).matches() ? email.trim() : null;
	}

	/** The sku, else the variant id, else the line item id: Shopify allows lines without a sku. */
	static String sku(String sku, Long variantId, Long lineItemId) {
		if (sku != null && !sku.isBlank()) {
			return sku.trim();
		}
		if (variantId != null) {
			return String.valueOf(variantId);
		}
		return lineItemId == null ? null : "line-" + lineItemId;
	}

	private static String fullName(String first, String last) {
		var name = ((first == null ? "" : first.trim()) + " " + (last == null ? "" : last.trim())).trim();
		return name.isEmpty() ? null : name;
	}

	private static String firstNonBlank(String... values) {
		for (var value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

}
