package dev.postpurchase.kit.security;

import java.util.List;
import java.util.Optional;

import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPatternParser;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document of a service ({@code /v3/api-docs}), with every operation's access rule
 * taken from the same {@link AccessRules} the security filter chain enforces.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiDocumentation {

	/** Where the document is served; open, like the health probes. */
	static final String[] PATHS = { "/v3/api-docs", "/v3/api-docs/**" };

	static final String BEARER = "bearer";

	@Bean
	OpenApiCustomizer accessRulesInOpenApi(ObjectProvider<AccessRules> rules,
			@Value("${spring.application.name}") String service) {
		return openApi -> {
			var endpoints = rules.orderedStream().flatMap(rule -> rule.endpoints().stream()).toList();
			openApi.info(new Info().title(service).version("v1")
				.description("Part of Post-Purchase Ops. Errors are application/problem+json (RFC 9457)."));
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents()
				.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("JWT")
					.description("OAuth2 access token; the scopes each operation needs are in the security requirement"));
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				var concrete = path.replaceAll("\\{[^}]+}", "x");
				find(endpoints, HttpMethod.valueOf(method.name()), concrete)
					.ifPresentOrElse(access -> document(operation, access), () -> operation.setSecurity(List.of()));
			}));
		};
	}

	private static Optional<EndpointAccess> find(List<EndpointAccess> endpoints, HttpMethod method, String path) {
		var container = org.springframework.http.server.PathContainer.parsePath(path);
		return endpoints.stream()
			.filter(endpoint -> endpoint.method() == null || endpoint.method().equals(method))
			.filter(endpoint -> endpoint.patterns()
				.stream()
				.anyMatch(pattern -> PathPatternParser.defaultInstance.parse(pattern).matches(container)))
			.findFirst();
	}

	private static void document(Operation operation, EndpointAccess access) {
		var note = access.isOpen() ? "No bearer token: " + access.openBecause() + "."
				: "Needs a bearer token with one of the scopes: " + String.join(", ", access.scopes()) + ".";
		operation.setDescription(operation.getDescription() == null ? note : operation.getDescription() + "\n\n" + note);
		operation.setSecurity(access.isOpen() ? List.of() : List.of(new SecurityRequirement().addList(BEARER, access.scopes())));
	}

}
