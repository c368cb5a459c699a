package dev.postpurchase.notification.engagement.web;

import java.net.URI;
import java.time.Clock;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.contracts.notification.NotificationEngaged.Engagement;
import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.notification.engagement.EngagementLinks;
import dev.postpurchase.notification.engagement.Engagements;
import dev.postpurchase.notification.engagement.MessageRef;
import reactor.core.publisher.Mono;

/**
 * The open pixel and click redirect of emails, requested by customers' mail clients and browsers
 * without a login: the link's signature is the authorization ({@link EngagementLinks}). The pixel is
 * always the image, so a mail client never shows a broken one; it records the open only when signed.
 * A click redirects only to the URL signed for that message, and only to http(s): anything else is a
 * 400 without a {@code Location} (never an open redirect). Neither is cached, so each open and click
 * reaches us. A failure to record is logged and does not keep the customer from the image or page.
 */
@RestController
@RequestMapping(EngagementLinks.BASE_PATH)
class CustomerEngagementController {

	private static final Logger log = LoggerFactory.getLogger(CustomerEngagementController.class);

	/** A 1x1 transparent GIF. */
	static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

	private final EngagementLinks links;

	private final Engagements engagements;

	private final Clock clock;

	CustomerEngagementController(EngagementLinks links, Engagements engagements, Clock clock) {
		this.links = links;
		this.engagements = engagements;
		this.clock = clock;
	}

	@GetMapping("/{notificationId}/open.gif")
	Mono<ResponseEntity<byte[]>> open(@PathVariable String notificationId,
			@RequestParam(name = "sig", required = false) String signature) {
		var recorded = links.verifiesOpen(notificationId, signature)
				? record(notificationId, Engagement.OPENED) : Mono.<Boolean>empty();
		return recorded.then(Mono.fromSupplier(() -> ResponseEntity.ok()
			.contentType(MediaType.IMAGE_GIF)
			.cacheControl(CacheControl.noStore())
			.body(PIXEL)));
	}

	@GetMapping("/{notificationId}/click")
	Mono<ResponseEntity<Void>> click(@PathVariable String notificationId,
			@RequestParam(name = "u", required = false) String target,
			@RequestParam(name = "sig", required = false) String signature) {
		if (!links.verifiesClick(notificationId, target, signature)) {
			throw Problems.badRequest("This link is not valid");
		}
		if (!EngagementLinks.isWebUrl(target)) {
			throw Problems.badRequest("This link does not lead to a web page");
		}
		return record(notificationId, Engagement.CLICKED).then(Mono.fromSupplier(() -> ResponseEntity
			.status(HttpStatus.FOUND)
			.location(URI.create(target))
			.cacheControl(CacheControl.noStore())
			.<Void>build()));
	}

	private Mono<Boolean> record(String notificationId, Engagement kind) {
		return engagements.record(MessageRef.notification(notificationId), kind, clock.instant())
			.onErrorResume(ex -> {
				log.warn("Could not record {} of notification {}: {}", kind, notificationId, ex.toString());
				return Mono.just(false);
			});
	}

}
