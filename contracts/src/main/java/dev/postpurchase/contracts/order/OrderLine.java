package dev.postpurchase.contracts.order;

import dev.postpurchase.contracts.Money;

/**
 * One line of an order. {@code finalSale} items cannot be returned.
 */
public record OrderLine(String sku, String name, int quantity, Money unitPrice, String category, boolean finalSale) {

}
