package dev.postpurchase.order.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading Shopify's privacy compliance payloads. */
class ShopifyComplianceRequestTests {

	@Test
	void readsShopifysDocumentedRedaction() {
		var request = ShopifyJson.complianceRequest(ShopifyPayloads.bytes(ShopifyPayloads.fixture("customers-redact.json")));

		assertThat(request.shopId()).isEqualTo(954889L);
		assertThat(request.customer().id()).isEqualTo(191167L);
		assertThat(request.ordersToRedact()).containsExactly(299938L, 280263L, 220458L);
	}

	@Test
	void readsIdsSentAsStringsAsOlderDocumentationShowsThem() {
		var body = """
				{"shop_id": "954889", "shop_domain": "example-store.myshopify.com",
				 "customer": {"id": "191167", "email": "john@example.com", "phone": "555-625-1199"},
				 "orders_to_redact": ["299938", "280263"]}""".getBytes(StandardCharsets.UTF_8);

		var request = ShopifyJson.complianceRequest(body);

		assertThat(request.shopId()).isEqualTo(954889L);
		assertThat(request.customer().id()).isEqualTo(191167L);
		assertThat(request.ordersToRedact()).isEqualTo(List.of(299938L, 280263L));
	}

	@Test
	void readsDataRequestsAndShopRedactions() {
		var dataRequest = ShopifyJson
			.complianceRequest(ShopifyPayloads.bytes(ShopifyPayloads.fixture("customers-data_request.json")));
		var shopRedact = ShopifyJson.complianceRequest(ShopifyPayloads.bytes(ShopifyPayloads.fixture("shop-redact.json")));

		assertThat(dataRequest.dataRequest().id()).isEqualTo(9999L);
		assertThat(dataRequest.ordersRequested()).hasSize(3);
		assertThat(shopRedact.shopId()).isEqualTo(954889L);
		assertThat(shopRedact.customer()).isNull();
		assertThat(shopRedact.ordersToRedact()).isNull();
	}

}
