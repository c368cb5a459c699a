package dev.postpurchase.notification.message.web;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationSuppressed.Reason;
import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.notification.message.Notification;
import dev.postpurchase.notification.message.Notifications;
import reactor.core.publisher.Mono;

/** Support and ops see which messages an order got, never to which address. */
@RestController
class NotificationController {

	private final Notifications notifications;

	NotificationController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/api/v1/notifications")
	Mono<List<NotificationView>> ofOrder(@RequestParam(required = false) String orderId) {
		if (orderId == null || orderId.isBlank()) {
			throw Problems.badRequest("orderId is required");
		}
		return notifications.ofOrder(orderId).map(NotificationView::of).collectList();
	}

	/** A message as the API shows it: no contact data, no body. */
	record NotificationView(String notificationId, String orderId, Milestone milestone, Channel channel,
			Notification.Status status, Reason reason, String template, String locale, int attempts,
			Instant createdAt, Instant sentAt, Instant updatedAt) {

		static NotificationView of(Notification entry) {
			return new NotificationView(entry.notificationId(), entry.orderId(), entry.milestone(), entry.channel(),
					entry.status(), entry.reason(), entry.template(), entry.locale(), entry.attempts(),
					entry.createdAt(), entry.sentAt(), entry.updatedAt());
		}

	}

}
