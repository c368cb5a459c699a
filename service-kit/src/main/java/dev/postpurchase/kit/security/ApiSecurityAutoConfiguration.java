package dev.postpurchase.kit.security;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The security model every service shares. Machine and staff callers present OAuth2 bearer JWTs
 * from any issuer (its JWKS URI, issuer and audience are configuration:
 * {@code spring.security.oauth2.resourceserver.jwt.*}); each service says which scope each endpoint
 * needs through its {@link AccessRules}; anything not listed is denied. Health probes, the
 * Prometheus scrape and the OpenAPI document stay open (keep the management port off the public
 * network). Stateless: no
 * sessions, no cookies, so no CSRF. Security headers on every response; public endpoints rate
 * limited.
 */
@AutoConfiguration
@EnableWebFluxSecurity
@EnableConfigurationProperties({ CustomerLinkSettings.class, RateLimitSettings.class })
public class ApiSecurityAutoConfiguration {

	/** What a browser may load from our responses: nothing from elsewhere, and no framing. */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

	/** The firewall's refusals as problems too (WebFluxSecurityConfiguration takes this bean). */
	@Bean
	ServerExchangeRejectedHandler problemOnRejectedExchange() {
		return new ProblemResponses();
	}

	@Bean
	SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ObjectProvider<AccessRules> rules) {
		var problems = new ProblemResponses();
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.mode(Mode.DENY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.authorizeExchange(exchanges -> {
				exchanges.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
						"/actuator/prometheus").permitAll();
				exchanges.pathMatchers(HttpMethod.GET, OpenApiDocumentation.PATHS).permitAll();
				rules.orderedStream().flatMap(rule -> rule.endpoints().stream()).forEach(endpoint -> {
					var patterns = endpoint.patterns().toArray(String[]::new);
					var matched = endpoint.method() == null ? exchanges.pathMatchers(patterns)
							: exchanges.pathMatchers(endpoint.method(), patterns);
					if (endpoint.isOpen()) {
						matched.permitAll();
					}
					else {
						matched.hasAnyAuthority(Scopes.anyOf(endpoint.scopes().toArray(String[]::new)));
					}
				});
				exchanges.anyExchange().denyAll();
			})
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.build();
	}

	/**
	 * Signs and checks the customers' link tokens; a service that issues and checks none (the customer
	 * pages, which pass the tokens on to the services) turns it off with
	 * {@code postpurchase.security.customer-links.enabled=false}, and then needs no link keys.
	 */
	@Bean
	@ConditionalOnProperty(name = "postpurchase.security.customer-links.enabled", matchIfMissing = true)
	CustomerLinks customerLinks(CustomerLinkSettings settings, Clock clock) {
		return new CustomerLinks(settings, clock);
	}

	@Bean
	RateLimitFilter publicEndpointRateLimit(RateLimitSettings settings, MeterRegistry meters) {
		return new RateLimitFilter(settings, meters);
	}

	@Bean
	@Profile("prod")
	SecretsGuard secretsGuard(Environment environment,
			@Value("${postpurchase.security.required-secrets:}") List<String> requiredSecrets,
			CustomerLinkSettings customerLinks, ObjectProvider<CustomerLinks> links) {
		return new SecretsGuard(environment, requiredSecrets, links.getIfAvailable() == null ? null : customerLinks);
	}

}
