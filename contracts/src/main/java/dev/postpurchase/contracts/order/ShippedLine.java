package dev.postpurchase.contracts.order;

/** A quantity of one order line that left the warehouse in a shipment. */
public record ShippedLine(String sku, int quantity) {

}
