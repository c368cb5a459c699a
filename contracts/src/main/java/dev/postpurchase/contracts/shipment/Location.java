package dev.postpurchase.contracts.shipment;

/**
 * Where a carrier scan happened (a depot or city, not a customer address).
 *
 * @param country ISO 3166-1 alpha-2 or alpha-3 code as the carrier reports it
 * @param timeZone IANA zone when known: a carrier time without offset is read in it
 */
public record Location(String city, String postalCode, String country, String timeZone) {

}
