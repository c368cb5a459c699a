package dev.postpurchase.pages.returns.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import dev.postpurchase.pages.backend.BackendFailure;
import dev.postpurchase.pages.backend.BackendFailure.Outcome;
import dev.postpurchase.pages.page.Dates;
import dev.postpurchase.pages.page.Languages;
import dev.postpurchase.pages.page.PageErrors;
import dev.postpurchase.pages.page.Pages;
import dev.postpurchase.pages.page.Pages.Page;
import dev.postpurchase.pages.returns.ReturnChoice;
import dev.postpurchase.pages.returns.ReturnRequest;
import dev.postpurchase.pages.returns.ReturnRequest.Refusal;
import dev.postpurchase.pages.returns.ReturnSummary;
import dev.postpurchase.pages.returns.ReturnableOrder;
import dev.postpurchase.pages.returns.ReturnsDesk;
import reactor.core.publisher.Mono;

/**
 * The return request behind the RETURN link ({@code /returns/<orderId>?token=}, also reached from the
 * tracking page): the items that can be returned, each with a quantity, one reason, what the customer
 * wants and how the items come back; the items that cannot, with why. A request goes to
 * returns-service and ends on a confirmation with the reference and the next step; a refusal shows
 * the form again, explained. A mail-in return's label is shown by this origin
 * ({@code /returns/<orderId>/label/<returnId>?token=}), printable, in the customer's language.
 */
@Controller
class ReturnPageController {

	/** The form's hidden field naming the request (returns-service's {@code Idempotency-Key}). */
	static final String REQUEST_FIELD = "request";

	private final Pages pages;

	private final PageErrors errors;

	private final ReturnsDesk desk;

	ReturnPageController(Pages pages, PageErrors errors, ReturnsDesk desk) {
		this.pages = pages;
		this.errors = errors;
		this.desk = desk;
	}

	@GetMapping("/returns/{orderId}")
	Mono<Rendering> form(@PathVariable String orderId, @RequestParam(required = false) String token,
			@RequestParam(required = false) String lang, ServerWebExchange exchange) {
		if (token == null || token.isBlank()) {
			return errors.linkRefused(exchange);
		}
		var locale = Languages.choose(lang, exchange.getRequest());
		return desk.returnable(orderId, token)
			.map(order -> form(locale, orderId, token, order, ReturnChoice.empty(), UUID.randomUUID().toString(), List.of(),
					HttpStatus.OK));
	}

	@PostMapping("/returns/{orderId}")
	Mono<Rendering> request(@PathVariable String orderId, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(data -> request(orderId, data, exchange));
	}

	private Mono<Rendering> request(String orderId, MultiValueMap<String, String> data, ServerWebExchange exchange) {
		var locale = Languages.choose(data.getFirst("lang"), exchange.getRequest());
		var token = data.getFirst("token");
		if (token == null || token.isBlank()) {
			return errors.linkRefused(exchange);
		}
		var choice = ReturnChoice.read(data);
		// the form's own name for this request: sent twice (a double click, a reload), it makes one return
		var requestKey = requestKey(data.getFirst(REQUEST_FIELD));
		if (!choice.valid()) {
			return desk.returnable(orderId, token)
				.map(order -> form(locale, orderId, token, order, choice, requestKey, List.of(), HttpStatus.BAD_REQUEST));
		}
		// the order's TRACKING token, as the form got it from returns-service: the confirmation links back with it
		var tracking = data.getFirst("tracking");
		return desk.request(orderId, token, choice, requestKey).flatMap(answer -> answer.created() != null
				? Mono.just(confirmation(locale, orderId, token, tracking, answer.created()))
				: desk.returnable(orderId, token).map(order -> form(locale, orderId, token, order, choice, requestKey,
						answer.refusals(), HttpStatus.UNPROCESSABLE_CONTENT)));
	}

	/**
	 * The form's request key when it is one the page made (a UUID), else a new one: a key sent with
	 * anything else (made up, too long) names no request of this form.
	 */
	private static String requestKey(String sent) {
		if (sent != null) {
			try {
				var key = UUID.fromString(sent);
				if (key.toString().equals(sent)) {
					return sent;
				}
			}
			catch (IllegalArgumentException notAKey) {
				// a new key below
			}
		}
		return UUID.randomUUID().toString();
	}

	/** The prepaid label of a mail-in return of this order, to print. */
	@GetMapping("/returns/{orderId}/label/{returnId}")
	Mono<Rendering> label(@PathVariable String orderId, @PathVariable String returnId,
			@RequestParam(required = false) String token, @RequestParam(required = false) String lang,
			ServerWebExchange exchange) {
		if (token == null || token.isBlank()) {
			return errors.linkRefused(exchange);
		}
		var locale = Languages.choose(lang, exchange.getRequest());
		return desk.one(orderId, returnId, token).map(found -> {
			if (!orderId.equals(found.orderId()) || found.label() == null) {
				throw new BackendFailure(Outcome.NOT_FOUND, "returns-service");
			}
			var page = pages.page(locale, "returnLabelTitle");
			var carrier = found.label().carrier() == null ? null : found.label().carrier().toUpperCase(Locale.ROOT);
			return page.languageSwitch("/returns/" + orderId + "/label/" + returnId, token)
				.with("instructions", carrier == null ? page.text("returnLabelInstructionsNoCarrier")
						: page.text("returnLabelInstructions", carrier))
				.with("carrier", carrier)
				.with("trackingNumber", found.label().trackingNumber())
				.with("reference", found.id())
				.with("orderId", orderId)
				.render("returns/label");
		});
	}

	private Rendering form(Locale locale, String orderId, String token, ReturnableOrder order, ReturnChoice choice,
			String requestKey, List<Refusal> refusals, HttpStatus status) {
		var page = pages.page(locale, "returnTitle");
		var fieldErrors = status == HttpStatus.BAD_REQUEST ? choice.errors() : Map.<String, String>of();
		var summary = new ArrayList<ErrorLink>();
		var lines = new ArrayList<LineView>();
		for (int i = 0; i < order.eligible().size(); i++) {
			var item = order.eligible().get(i);
			var chosen = choice.quantities().getOrDefault(item.sku(), 0);
			var options = IntStream.rangeClosed(0, Math.max(0, item.maxQuantity()))
				.mapToObj(quantity -> new Option(Integer.toString(quantity), Integer.toString(quantity),
						quantity == chosen))
				.toList();
			var hint = item.lastDay() == null ? page.text("returnLineHintNoDate", item.purchased())
					: page.text("returnLineHint", item.purchased(), Dates.day(item.lastDay(), locale));
			if (item.returned() > 0) {
				hint = hint + " " + page.text("returnLineReturned", item.returned());
			}
			lines.add(new LineView("quantity-" + i, ReturnChoice.QUANTITY_FIELD + item.sku(), item.name(), hint,
					options));
		}
		var firstLine = lines.isEmpty() ? "#return-form" : "#" + lines.get(0).id();
		for (var refusal : refusals) {
			summary.add(refusal(page, order, refusal, lines));
		}
		var outcomes = order.commonOutcomes();
		var methods = order.commonMethods();
		addError(page, summary, fieldErrors, "lines", firstLine);
		addError(page, summary, fieldErrors, "reason", "#reason");
		addError(page, summary, fieldErrors, "outcome", outcomes.isEmpty() ? "#return-form" : "#outcome-" + outcomes.get(0));
		addError(page, summary, fieldErrors, "method", methods.isEmpty() ? "#return-form" : "#method-" + methods.get(0));
		addError(page, summary, fieldErrors, "comment", "#comment");
		var reasons = new ArrayList<Option>();
		reasons.add(new Option("", page.text("returnReasonChoose"), choice.reason() == null));
		for (var reason : order.reasons()) {
			reasons.add(new Option(reason.reason(), reasonLabel(page, reason), reason.reason().equals(choice.reason())));
		}
		var ineligible = order.ineligible()
			.stream()
			.map(item -> new BlockedView(item.name(), item.rules().isEmpty() ? List.of(page.text("returnRuleUnknown"))
					: item.rules().stream().distinct().map(rule -> rule(page, rule)).toList()))
			.toList();
		var commentError = fieldErrors.get("comment");
		return page.languageSwitch("/returns/" + orderId, token)
			.with("title", summary.isEmpty() ? page.text("returnTitle")
					: page.text("errorPrefix") + " " + page.text("returnTitle"))
			.with("action", "/returns/" + orderId)
			.with("token", token)
			.with("requestKey", requestKey)
			.with("errors", summary.isEmpty() ? null : Map.of("items", summary))
			.with("returnable", lines.isEmpty() ? null : new Returnable(lines,
					fieldErrors.containsKey("lines") ? page.text(fieldErrors.get("lines")) : null,
					fieldError(page, fieldErrors, "reason"), reasons,
					choices("outcome", outcomes, "returnOutcome_", choice.outcome(), page,
							fieldError(page, fieldErrors, "outcome")),
					choices("method", methods, "returnMethod_", choice.method(), page,
							fieldError(page, fieldErrors, "method")),
					new Comment(choice.comment() == null ? "" : choice.comment(),
							page.text("returnCommentHint", ReturnChoice.LONGEST_COMMENT),
							commentError == null ? null : page.text(commentError, ReturnChoice.LONGEST_COMMENT),
							commentError == null ? "comment-hint" : "comment-hint comment-error",
							ReturnChoice.LONGEST_COMMENT)))
			.with("nothingReturnable", lines.isEmpty() ? page.text("returnNothing") : null)
			.with("ineligible", ineligible.isEmpty() ? null : new Blocked(ineligible))
			.with("trackingToken", order.trackingToken())
			.with("trackingHref", trackingHref(orderId, order.trackingToken(), locale))
			.render("returns/form", status);
	}

	private Rendering confirmation(Locale locale, String orderId, String token, String tracking,
			ReturnSummary created) {
		var page = pages.page(locale, "returnRequestedTitle");
		var nextKey = created.nextStep() != null && page.text("returnNext_" + created.nextStep()) != null
				? "returnNext_" + created.nextStep() : "returnNextUnknown";
		var labelHref = "PRINT_LABEL".equals(created.nextStep()) && created.id() != null
				? UriComponentsBuilder.fromPath("/returns/" + orderId + "/label/" + created.id())
					.queryParam("token", token).queryParam("lang", locale.getLanguage()).encode().build().toUriString()
				: null;
		return page
			.with("reference", created.id())
			.with("state", phrase(page, "returnState_", created.state(), "returnStateUnknown"))
			.with("next", page.text(nextKey, created.id()))
			.with("labelHref", labelHref)
			.with("lines", created.lines())
			.with("outcome", phrase(page, "returnOutcome_", created.outcome(), null))
			.with("method", phrase(page, "returnMethod_", created.method(), null))
			.with("trackingHref", trackingHref(orderId, tracking, locale))
			.render("returns/requested");
	}

	/**
	 * The order's tracking page, in the same language, when there is a TRACKING token for it (the
	 * tracking page checks it, as for any link).
	 */
	private static String trackingHref(String orderId, String trackingToken, Locale locale) {
		return trackingToken == null || trackingToken.isBlank() ? null
				: UriComponentsBuilder.fromPath("/track/" + orderId)
					.queryParam("token", trackingToken)
					.queryParam("lang", locale.getLanguage())
					.encode()
					.build()
					.toUriString();
	}

	/** "Changed my mind (a restocking fee of 10 % applies)", "Damaged (return shipping is refunded)". */
	private static String reasonLabel(Page page, ReturnableOrder.ReasonOption reason) {
		var name = phrase(page, "returnReason_", reason.reason(), null);
		var notes = new ArrayList<String>();
		if (reason.restockingFeePercent().compareTo(BigDecimal.ZERO) > 0) {
			notes.add(page.text("returnReasonFee",
					NumberFormat.getNumberInstance(page.locale()).format(reason.restockingFeePercent())));
		}
		if (reason.refundsShipping()) {
			notes.add(page.text("returnReasonShipping"));
		}
		return notes.isEmpty() ? name : name + " (" + String.join("; ", notes) + ")";
	}

	private static ErrorLink refusal(Page page, ReturnableOrder order, Refusal refusal, List<LineView> lines) {
		var text = rule(page, refusal.rule());
		if (refusal.sku() != null) {
			for (int i = 0; i < order.eligible().size(); i++) {
				var item = order.eligible().get(i);
				if (refusal.sku().equals(item.sku())) {
					return new ErrorLink("#" + lines.get(i).id(), page.text("returnRefusedItem", item.name(), text));
				}
			}
		}
		return new ErrorLink(lines.isEmpty() ? "#main" : "#" + lines.get(0).id(), text);
	}

	private static String rule(Page page, String rule) {
		return phrase(page, "returnRule_", rule, "returnRuleUnknown");
	}

	private static void addError(Page page, List<ErrorLink> summary, Map<String, String> errors, String field,
			String href) {
		var key = errors.get(field);
		if (key != null) {
			summary.add(new ErrorLink(href, page.text(key, ReturnChoice.LONGEST_COMMENT)));
		}
	}

	private static String fieldError(Page page, Map<String, String> errors, String field) {
		var key = errors.get(field);
		return key == null ? null : page.text(key, ReturnChoice.LONGEST_COMMENT);
	}

	private static Choices choices(String field, List<String> codes, String prefix, String chosen, Page page,
			String error) {
		var options = codes.stream()
			.map(code -> new Radio(field + "-" + code, code, phrase(page, prefix, code, null), code.equals(chosen)))
			.toList();
		return new Choices(field, options, error, error == null ? null : field + "-error");
	}

	private static String phrase(Page page, String prefix, String code, String fallbackKey) {
		var text = code == null ? null : page.text(prefix + code);
		return text != null ? text : fallbackKey == null ? code : page.text(fallbackKey);
	}

	/** The form's part for the returnable items. */
	record Returnable(List<LineView> lines, String linesError, String reasonError, List<Option> reasons,
			Choices outcomes, Choices methods, Comment comment) {
	}

	/** One returnable item: its quantity select, labelled with the product name. */
	record LineView(String id, String name, String label, String hint, List<Option> options) {
	}

	record Option(String value, String label, boolean selected) {
	}

	/** A radio group: its field, its buttons, an error and what describes it. */
	record Choices(String field, List<Radio> options, String error, String describedBy) {
	}

	record Radio(String id, String value, String label, boolean checked) {
	}

	record Comment(String value, String hint, String error, String describedBy, int maxLength) {
	}

	/** The items that cannot be returned. */
	record Blocked(List<BlockedView> items) {
	}

	record BlockedView(String name, List<String> reasons) {
	}

	record ErrorLink(String href, String message) {
	}

}
