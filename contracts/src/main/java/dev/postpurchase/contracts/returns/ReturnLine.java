package dev.postpurchase.contracts.returns;

import dev.postpurchase.contracts.Money;

/**
 * A quantity of one order line to return. {@code exchangeSku} names the wanted variant when the
 * outcome is an exchange.
 */
public record ReturnLine(String sku, int quantity, Money unitPrice, ReturnReason reason, String exchangeSku) {

}
