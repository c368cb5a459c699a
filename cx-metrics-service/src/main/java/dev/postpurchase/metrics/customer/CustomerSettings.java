package dev.postpurchase.metrics.customer;

import java.util.Currency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param currency the reporting currency of the customer KPIs' amounts (average order value, lifetime
 *     value): orders in other currencies are left out of them, never converted
 */
@ConfigurationProperties("metrics")
record CustomerSettings(@DefaultValue("EUR") Currency currency) {

}
