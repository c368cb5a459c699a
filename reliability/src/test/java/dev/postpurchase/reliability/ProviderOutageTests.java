package dev.postpurchase.reliability;

import java.time.Duration;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.postpurchase.localstack.RunningStack.Provider;

/**
 * The outside world's providers failing mid-stream: the SMS provider answering 5xx and then timing
 * out, the SMTP server down, the payment provider failing while refunds are due. A message whose send
 * failed is kept and sent later (or by the rule's next channel while a provider's circuit is open),
 * once; a refund is tried again with its idempotency key, and made once.
 */
@ExtendWith(ReliabilityStack.class)
@Order(6)
class ProviderOutageTests {

	/** Longer than notification-service's 5 s SMS timeout: the call times out, and the provider then refuses it. */
	private static final Duration TIMEOUT = Duration.ofSeconds(6);

	@Test
	void smsProviderFailing(Platform platform, Report report) throws Exception {
		var outage = Lengths.providerOutage();
		var name = "SMS provider failing " + outage.toSeconds() + " s (5xx, then timeouts)";
		var plans = Streams.plan(name, Streams.Shape.of(Lengths.orders(), 40, 0));
		new Scenario(name, platform, report, plans).fallbacks().run((traffic, window) -> {
			traffic.awaitPlaced(plans.size() / 4);
			window.begin();
			platform.stack().fail(Provider.SMS, 503, Duration.ZERO, outage.dividedBy(2));
			Lengths.hold(outage.dividedBy(2));
			platform.stack().fail(Provider.SMS, 503, TIMEOUT, outage.dividedBy(2));
			Lengths.hold(outage.dividedBy(2));
			platform.stack().heal(Provider.SMS);
			window.end();
		});
	}

	@Test
	void smtpServerDown(Platform platform, Report report) throws Exception {
		var outage = Lengths.providerOutage();
		var name = "SMTP server down " + outage.toSeconds() + " s";
		var plans = Streams.plan(name, Streams.Shape.of(Lengths.orders(), 25, 30));
		new Scenario(name, platform, report, plans).fallbacks().run((traffic, window) -> {
			traffic.awaitPlaced(plans.size() / 4);
			window.begin();
			platform.stack().stopSmtp();
			Lengths.hold(outage);
			platform.stack().startSmtp();
			window.end();
		});
	}

	@Test
	void paymentProviderFailingDuringRefunds(Platform platform, Report report) throws Exception {
		var outage = Lengths.providerOutage();
		var name = "payment provider failing " + outage.toSeconds() + " s during refunds";
		var plans = Streams.plan(name, Streams.Shape.of(Lengths.orders(), 25, 100));
		new Scenario(name, platform, report, plans).run((traffic, window) -> {
			traffic.awaitReturns(1);
			window.begin();
			platform.stack().fail(Provider.PAYMENTS, 500, Duration.ZERO, outage);
			Lengths.hold(outage);
			platform.stack().heal(Provider.PAYMENTS);
			window.end();
		});
	}

}
