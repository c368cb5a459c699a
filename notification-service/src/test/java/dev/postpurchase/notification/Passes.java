package dev.postpurchase.notification;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import dev.postpurchase.notification.message.NotificationSettings;
import dev.postpurchase.testkit.MutableClock;

/**
 * Moves the tests' clock and runs the pass over due messages, as time passing would: to the end of
 * the collapse window, to the end of quiet hours, past a retry's backoff. The clock only ever moves
 * forward, so tests never undo each other's time.
 */
public final class Passes {

	private final MutableClock clock;

	private final NotificationSettings settings;

	private final Runnable pass;

	public Passes(MutableClock clock, NotificationSettings settings, Runnable pass) {
		this.clock = clock;
		this.settings = settings;
		this.pass = pass;
	}

	/** Lets the collapse window pass, then sends what is due. */
	public void afterCollapseWindow() {
		after(settings.collapseWindow().plusSeconds(1));
	}

	/** Lets {@code duration} pass, then sends what is due. */
	public void after(Duration duration) {
		clock.advance(duration);
		pass.run();
	}

	/**
	 * Makes it daytime for customers in Amsterdam (between 10:00 and 18:00), so texts are not held by
	 * quiet hours, whenever the tests run.
	 */
	public void daytime() {
		var local = clock.instant().atZone(ZoneId.of("Europe/Amsterdam"));
		if (local.toLocalTime().isBefore(LocalTime.of(10, 0)) || local.toLocalTime().isAfter(LocalTime.of(18, 0))) {
			var noon = local.toLocalDate().plusDays(local.toLocalTime().isBefore(LocalTime.of(10, 0)) ? 0 : 1)
				.atTime(12, 0)
				.atZone(local.getZone())
				.toInstant();
			clock.set(noon);
		}
	}

}
