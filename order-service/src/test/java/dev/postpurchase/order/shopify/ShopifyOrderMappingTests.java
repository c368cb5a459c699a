package dev.postpurchase.order.shopify;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.order.Address;
import dev.postpurchase.contracts.order.Consents;
import dev.postpurchase.contracts.order.OrderCancelled.CancelReason;
import dev.postpurchase.contracts.order.OrderLine;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.contracts.order.ShippedLine;
import dev.postpurchase.order.orders.OrderSettings;
import dev.postpurchase.order.orders.OrderValidation;
import tools.jackson.databind.node.ObjectNode;

import static dev.postpurchase.order.shopify.ShopifyPayloads.bytes;
import static dev.postpurchase.order.shopify.ShopifyPayloads.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ShopifyOrderMappingTests {

	private static final ZoneId STORE_ZONE = ZoneId.of("Europe/Amsterdam");

	private final ShopifyOrderMapping mapping = new ShopifyOrderMapping(
			new OrderSettings(STORE_ZONE, new OrderSettings.Promise(5)));

	@Test
	void mapsShopifysOrderPayloadToTheCanonicalOrder() {
		var order = mapping.toInboundOrder(ShopifyJson.order(bytes(ShopifyPayloads.order(5812345678901L))));

		assertThat(order.source()).isEqualTo("shopify");
		assertThat(order.externalOrderId()).isEqualTo("5812345678901");
		assertThat(order.salesChannel()).isEqualTo(SalesChannel.WEB);
		assertThat(order.placedAt()).isEqualTo(Instant.parse("2026-05-11T09:15:00Z"));
		assertThat(order.promise()).isNull();
		// payment_gateway_names is all the webhook tells: no reference a refund could be made against
		assertThat(order.payment()).isNull();
		var customer = order.customer();
		assertThat(customer.customerId()).isEqualTo("shopify-7211234567890");
		assertThat(customer.email()).isEqualTo("anna.devries@example.com");
		assertThat(customer.phone()).isEqualTo("+31612345678");
		assertThat(customer.name()).isEqualTo("Anna de Vries");
		assertThat(customer.locale()).isEqualTo("nl-NL");
		assertThat(customer.timeZone()).isEqualTo(STORE_ZONE);
		assertThat(customer.consents()).isEqualTo(new Consents(true, true, false));
		assertThat(order.lines()).containsExactly(
				new OrderLine("TSHIRT-M-BLK", "Organic T-shirt - M / Black", 2, Money.of("19.95", "EUR"), null, false),
				new OrderLine("44811234567002", "Stoneware Mug", 1, Money.of("9.50", "EUR"), null, false));
		assertThat(order.shippingAddress())
			.isEqualTo(new Address("Anna de Vries", "Keizersgracht 1", "3hoog", "1015 CJ", "Amsterdam", null, "NL"));
		assertThat(OrderValidation.problems(order)).isEmpty();
	}

	@Test
	void guestCheckoutWithoutEmailGetsAGuestIdAndNoConsents() {
		var payload = with(ShopifyPayloads.order(42L), order -> {
			order.remove("customer");
			order.putNull("email");
			order.putNull("contact_email");
			order.remove("customer_locale");
		});

		var customer = mapping.toInboundOrder(ShopifyJson.order(bytes(payload))).customer();

		assertThat(customer.customerId()).isEqualTo("shopify-guest-42");
		assertThat(customer.email()).isNull();
		assertThat(customer.name()).isEqualTo("Anna de Vries");
		assertThat(customer.locale()).isEqualTo("en");
		assertThat(customer.consents()).isEqualTo(new Consents(false, false, false));
	}

	@Test
	void smsOnlyWithSubscribedSmsMarketingConsent() {
		var payload = with(ShopifyPayloads.order(42L),
				order -> ((ObjectNode) order.get("customer").get("sms_marketing_consent"))
					.put("state", "not_subscribed"));

		var consents = mapping.toInboundOrder(ShopifyJson.order(bytes(payload))).customer().consents();

		assertThat(consents).isEqualTo(new Consents(true, false, false));
	}

	@Test
	void categoryFromProductTypeAndLineItemIdWhenThereIsNeitherSkuNorVariant() {
		var payload = with(ShopifyPayloads.order(42L), order -> {
			var custom = (ObjectNode) order.get("line_items").get(1);
			custom.putNull("variant_id");
			custom.put("product_type", "Kitchen");
		});

		var line = mapping.toInboundOrder(ShopifyJson.order(bytes(payload))).lines().get(1);

		assertThat(line.sku()).isEqualTo("line-14211234567002");
		assertThat(line.category()).isEqualTo("Kitchen");
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = { "web, WEB", "pos, POS", "iphone, MOBILE_APP", "android, MOBILE_APP",
			"mobile_app, MOBILE_APP", "shopify_draft_order, OTHER", "580111, OTHER", "null, OTHER" })
	void salesChannelFromSourceName(String sourceName, SalesChannel channel) {
		assertThat(ShopifyOrderMapping.salesChannel(sourceName)).isEqualTo(channel);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = { "customer, CUSTOMER", "fraud, FRAUD", "inventory, INVENTORY",
			"declined, DECLINED", "staff, STAFF", "other, OTHER", "null, OTHER" })
	void cancelReasonFromShopifysReason(String reason, CancelReason expected) {
		assertThat(ShopifyOrderMapping.cancelReason(reason)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = { "nl-NL, nl-NL", "pt_BR, pt-BR", "fr, fr", "null, en", "'', en" })
	void localeFromCustomerLocale(String customerLocale, String locale) {
		assertThat(ShopifyOrderMapping.locale(customerLocale)).isEqualTo(locale);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = { "+31 6 12345678, +31612345678", "+1 (613) 555-0107, +16135550107",
			"06 12345678, null", "555-555-SHIP, null" })
	void phoneNumbersThatAreNotE164AreLeftOut(String phone, String expected) {
		assertThat(ShopifyOrderMapping.phone(phone)).isEqualTo(expected);
	}

	@Test
	void lineItemWithoutPriceOrQuantityIsABadRequestNamingTheField() {
		var payload = with(ShopifyPayloads.order(42L), order -> {
			((ObjectNode) order.get("line_items").get(0)).remove("price");
			((ObjectNode) order.get("line_items").get(1)).remove("quantity");
		});

		assertThatExceptionOfType(InvalidShopifyPayloadException.class)
			.isThrownBy(() -> mapping.toInboundOrder(ShopifyJson.order(bytes(payload))))
			.satisfies(ex -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(400);
				assertThat(ex.getBody().getProperties()).containsEntry("errors",
						List.of("line_items[0].price: required", "line_items[1].quantity: required"));
			});
	}

	@Test
	void malformedJsonIsABadRequest() {
		assertThatExceptionOfType(InvalidShopifyPayloadException.class)
			.isThrownBy(() -> ShopifyJson.order("{\"id\": 1, \"line_items\": [".getBytes()))
			.withMessageContaining("Malformed JSON");
	}

	@Test
	void wrongTypeNamesTheField() {
		assertThatExceptionOfType(InvalidShopifyPayloadException.class)
			.isThrownBy(() -> ShopifyJson.order("{\"id\": \"not-a-number\"}".getBytes()))
			.withMessageContaining("'id'");
	}

	@Test
	void fulfillmentLinesUseTheOrdersSkuRuleAndTheFirstTrackingNumber() {
		var payload = with(ShopifyPayloads.fulfillment(42L, 7L), fulfillment -> {
			fulfillment.putNull("tracking_number");
			fulfillment.putArray("tracking_numbers").add("").add("3SABCD0123456789");
		});

		var fulfillment = ShopifyJson.fulfillment(bytes(payload));

		assertThat(fulfillment.firstTrackingNumber()).isEqualTo("3SABCD0123456789");
		assertThat(ShopifyOrderMapping.shippedLines(fulfillment))
			.containsExactly(new ShippedLine("TSHIRT-M-BLK", 2), new ShippedLine("44811234567002", 1));
	}

	@Test
	void pricesAreReadExactly() {
		var order = mapping.toInboundOrder(ShopifyJson.order(bytes(with(ShopifyPayloads.order(42L),
				o -> ((ObjectNode) o.get("line_items").get(0)).put("price", "0.10")))));

		assertThat(order.lines().get(0).unitPrice().amount()).isEqualByComparingTo(new BigDecimal("0.10"));
		assertThat(order.lines().get(0).unitPrice().amount().scale()).isEqualTo(2);
	}

}
