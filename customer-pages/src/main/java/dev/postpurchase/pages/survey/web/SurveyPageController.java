package dev.postpurchase.pages.survey.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.pages.backend.BackendFailure;
import dev.postpurchase.pages.backend.BackendFailure.Outcome;
import dev.postpurchase.pages.backend.LinkTokens;
import dev.postpurchase.pages.brand.Brand;
import dev.postpurchase.pages.page.Languages;
import dev.postpurchase.pages.page.PageErrors;
import dev.postpurchase.pages.page.Pages;
import dev.postpurchase.pages.page.Pages.Page;
import dev.postpurchase.pages.survey.SurveyAnswers;
import dev.postpurchase.pages.survey.SurveyForm;
import dev.postpurchase.pages.survey.SurveyType;
import reactor.core.publisher.Mono;

/**
 * The survey of the delivery email ({@code /survey/<orderId>?token=}, a SURVEY link): three optional
 * questions (NPS 0–10, CSAT 1–5, CES 1–7) and a comment in one form. Each answered question goes to
 * cx-metrics-service on its own; the comment goes with the first answer the service accepts. Then a
 * thank-you page, or "already answered" when the service had every answer already.
 */
@Controller
class SurveyPageController {

	private final Pages pages;

	private final PageErrors errors;

	private final LinkTokens tokens;

	private final SurveyAnswers answers;

	private final Brand brand;

	SurveyPageController(Pages pages, PageErrors errors, LinkTokens tokens, SurveyAnswers answers, Brand brand) {
		this.pages = pages;
		this.errors = errors;
		this.tokens = tokens;
		this.answers = answers;
		this.brand = brand;
	}

	@GetMapping("/survey/{orderId}")
	Mono<Rendering> form(@PathVariable String orderId, @RequestParam(required = false) String token,
			@RequestParam(required = false) String lang, ServerWebExchange exchange) {
		// no backend is asked before the answers are sent: show a plainly dead link at once
		if (tokens.plainlyRefused(token, LinkPurpose.SURVEY, orderId)) {
			return errors.linkRefused(exchange);
		}
		var locale = Languages.choose(lang, exchange.getRequest());
		return Mono.just(form(locale, orderId, token, SurveyForm.empty(), HttpStatus.OK));
	}

	@PostMapping("/survey/{orderId}")
	Mono<Rendering> answer(@PathVariable String orderId, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(data -> answer(orderId, data, exchange));
	}

	private Mono<Rendering> answer(String orderId, MultiValueMap<String, String> data, ServerWebExchange exchange) {
		var locale = Languages.choose(data.getFirst("lang"), exchange.getRequest());
		var token = data.getFirst("token");
		if (token == null || token.isBlank()) {
			return errors.linkRefused(exchange);
		}
		var form = SurveyForm.read(data);
		if (!form.valid()) {
			return Mono.just(form(locale, orderId, token, form, HttpStatus.BAD_REQUEST));
		}
		var answered = new ArrayList<SurveyType>();
		for (var type : SurveyType.values()) {
			if (form.scores().containsKey(type)) {
				answered.add(type);
			}
		}
		return send(orderId, token, form, answered, 0, form.comment(), false).map(anyTaken -> {
			var page = pages.page(locale, anyTaken ? "surveyThanksTitle" : "surveyAlreadyTitle");
			return page.with("message", page.text(anyTaken ? "surveyThanksText" : "surveyAlreadyText"))
				.render("survey/done", anyTaken ? HttpStatus.OK : HttpStatus.CONFLICT);
		});
	}

	/**
	 * Sends the answers one after the other; emits whether the service took any (false: it had them
	 * all already). The comment rides with the first answer taken.
	 */
	private Mono<Boolean> send(String orderId, String token, SurveyForm form, List<SurveyType> types, int next,
			String comment, boolean anyTaken) {
		if (next == types.size()) {
			return Mono.just(anyTaken);
		}
		var type = types.get(next);
		return answers.answer(orderId, token, type, form.scores().get(type), comment)
			.then(Mono.defer(() -> send(orderId, token, form, types, next + 1, null, true)))
			.onErrorResume(failed -> failed instanceof BackendFailure failure && failure.outcome() == Outcome.CONFLICT,
					already -> send(orderId, token, form, types, next + 1, comment, anyTaken));
	}

	private Rendering form(Locale locale, String orderId, String token, SurveyForm form, HttpStatus status) {
		var page = pages.page(locale, "surveyTitle");
		var questions = new ArrayList<Question>();
		var summary = new ArrayList<ErrorLink>();
		if (form.errors().containsKey("answers")) {
			summary.add(new ErrorLink("#nps-0", page.text(form.errors().get("answers"))));
		}
		for (var type : SurveyType.values()) {
			questions.add(question(page, type, form, summary));
		}
		var commentError = form.errors().get("comment");
		if (commentError != null) {
			summary.add(new ErrorLink("#comment", page.text(commentError, SurveyForm.LONGEST_COMMENT)));
		}
		return page.languageSwitch("/survey/" + orderId, token)
			.with("title", summary.isEmpty() ? page.text("surveyTitle")
					: page.text("errorPrefix") + " " + page.text("surveyTitle"))
			.with("intro", page.text("surveyIntro", brand.name()))
			.with("action", "/survey/" + orderId)
			.with("token", token)
			.with("errors", summary.isEmpty() ? null : Map.of("items", summary))
			.with("questions", questions)
			.with("comment", new Comment(form.comment() == null ? "" : form.comment(),
					page.text("surveyCommentHint", SurveyForm.LONGEST_COMMENT),
					commentError == null ? null : page.text(commentError, SurveyForm.LONGEST_COMMENT),
					commentError == null ? "comment-hint" : "comment-hint comment-error", SurveyForm.LONGEST_COMMENT))
			.render("survey/form", status);
	}

	private Question question(Page page, SurveyType type, SurveyForm form, List<ErrorLink> summary) {
		var field = type.field();
		var chosen = form.rawScores().get(field);
		var options = type.scores()
			.mapToObj(score -> new Option(field + "-" + score, Integer.toString(score),
					Integer.toString(score).equals(chosen) && form.errors().get(field) == null))
			.toList();
		var errorKey = form.errors().get(field);
		var error = errorKey == null ? null : page.text(errorKey, type.min(), type.max());
		if (error != null) {
			summary.add(new ErrorLink("#" + field + "-" + type.min(), error));
		}
		var describedBy = field + "-hint" + (error == null ? "" : " " + field + "-error");
		return new Question(field, page.text(field + "Question", brand.name()), page.text(field + "Hint"), error,
				describedBy, options);
	}

	/** One question as a fieldset: its legend, the scale's meaning, an error, the radio buttons. */
	record Question(String field, String legend, String hint, String error, String describedBy, List<Option> options) {
	}

	/** One radio button of a scale. */
	record Option(String id, String value, boolean checked) {
	}

	/** The comment box. */
	record Comment(String value, String hint, String error, String describedBy, int maxLength) {
	}

	/** An entry of the error summary, linking to its field. */
	record ErrorLink(String href, String message) {
	}

}
