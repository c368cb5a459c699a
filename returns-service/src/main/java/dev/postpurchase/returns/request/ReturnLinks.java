package dev.postpurchase.returns.request;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param serviceUrl the public address of returns-service: return labels are served under it
 */
@ConfigurationProperties("returns.links")
public record ReturnLinks(@DefaultValue("http://localhost:8084") String serviceUrl) {

}
