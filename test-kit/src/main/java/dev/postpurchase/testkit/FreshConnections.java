package dev.postpurchase.testkit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Tests' WebTestClient opens a new connection for every request instead of reusing pooled ones. CI
 * saw a request now and then wait forever with every thread idle, right after an error response on a
 * kept-alive connection: a pooled connection the server had given up. A test suite gains nothing from
 * connection reuse, and loses a whole run to such a hang.
 */
@TestConfiguration(proxyBeanMethods = false)
class FreshConnections {

	@Bean
	WebTestClientBuilderCustomizer freshConnectionPerRequest() {
		return builder -> builder
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())));
	}

}
