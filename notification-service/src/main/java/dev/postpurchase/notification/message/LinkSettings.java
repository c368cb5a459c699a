package dev.postpurchase.notification.message;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param baseUrl where the customer-facing pages (tracking page) are served */
@ConfigurationProperties("postpurchase.links")
public record LinkSettings(@DefaultValue("http://localhost:8080") String baseUrl) {

}
