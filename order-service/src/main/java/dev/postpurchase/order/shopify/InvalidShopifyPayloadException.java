package dev.postpurchase.order.shopify;

import java.util.List;

import dev.postpurchase.kit.web.InvalidInput;

/**
 * A verified webhook whose payload is not what Shopify documents (malformed JSON, a line item without
 * price): a 400 problem naming the Shopify fields, never their values.
 */
class InvalidShopifyPayloadException extends InvalidInput {

	InvalidShopifyPayloadException(List<String> problems) {
		super("Invalid Shopify payload", problems);
	}

}
