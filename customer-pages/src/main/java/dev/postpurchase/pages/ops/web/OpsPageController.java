package dev.postpurchase.pages.ops.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import dev.postpurchase.pages.backend.BackendFailure;
import dev.postpurchase.pages.backend.BackendFailure.Outcome;
import dev.postpurchase.pages.ops.OpsKpis;
import dev.postpurchase.pages.page.Languages;
import dev.postpurchase.pages.page.PageErrors;
import reactor.core.publisher.Mono;

/**
 * The ops overview ({@code GET /ops}) for operations and support leads: today's and the week's KPIs,
 * their trends over two weeks, open delivery exceptions by kind and carrier, notification outcomes and
 * return reasons. Only for a bearer token with {@code metrics:read} (see {@code PagesAccess}), which is
 * passed on to cx-metrics-service as it came; in production an authenticating proxy in front of the
 * pages adds it. In the language asked for, else the browser's.
 */
@Controller
class OpsPageController {

	private final OpsKpis kpis;

	private final OpsPage page;

	private final PageErrors errors;

	OpsPageController(OpsKpis kpis, OpsPage page, PageErrors errors) {
		this.kpis = kpis;
		this.page = page;
		this.errors = errors;
	}

	@GetMapping("/ops")
	Mono<Rendering> overview(@RequestParam(required = false) String lang, @AuthenticationPrincipal Jwt caller,
			ServerWebExchange exchange) {
		var locale = Languages.choose(lang, exchange.getRequest());
		return kpis.overview(caller.getTokenValue())
			.map(overview -> page.render(overview, locale))
			.onErrorResume(BackendFailure.class,
					failure -> failure.outcome() == Outcome.LINK_REFUSED
							? errors.page(exchange, HttpStatus.FORBIDDEN, "opsRefusedTitle", "opsRefusedText")
							: Mono.error(failure));
	}

}
