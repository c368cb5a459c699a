package dev.postpurchase.localstack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The simulators' page at {@code GET /}: everything received (mail, texts, WhatsApp messages, refunds),
 * newest first, refreshing itself every few seconds. Self-contained: no scripts, no external
 * resources.
 */
final class SimulatorPage {

	static final int REFRESH_SECONDS = 3;

	/** Rows shown per kind; the JSON listings have them all. */
	static final int ROWS = 200;

	private SimulatorPage() {
	}

	/** @param mail the mail received, or null when the simulators capture none */
	static String render(List<Map<String, Object>> mail, List<Map<String, Object>> sms, List<Map<String, Object>> whatsApp,
			List<Map<String, Object>> payments, Faults.Fault smsFault, Faults.Fault whatsAppFault, Faults.Fault paymentsFault,
			Instant now) {
		var page = new StringBuilder(16_384);
		page.append("""
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta http-equiv="refresh" content="%d">
				<title>Provider simulators: Post-Purchase Ops local stack</title>
				<style>
				body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #222; }
				h1 { font-size: 1.3rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
				table { border-collapse: collapse; width: 100%%; }
				th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #ddd; }
				th { background: #f4f4f4; } td.text { white-space: pre-wrap; max-width: 50rem; }
				.muted { color: #777; } .fault { background: #fff3cd; padding: .4rem .6rem; border: 1px solid #e0c46c; }
				code { font-size: 12px; }
				</style>
				</head>
				<body>
				<h1>Provider simulators</h1>
				<p class="muted">What the platform sent to the outside world, newest first; refreshes every %d s (%s).
				JSON: <a href="/mail">/mail</a>, <a href="/sms">/sms</a>, <a href="/whatsapp">/whatsapp</a>, <a href="/payments">/payments</a>.</p>
				""".formatted(REFRESH_SECONDS, REFRESH_SECONDS, escape(now.toString())));
		fault(page, "SMS", "sms", smsFault);
		fault(page, "WhatsApp", "whatsapp", whatsAppFault);
		fault(page, "Payments", "payments", paymentsFault);

		if (mail == null) {
			page.append("<h2>Mail</h2>\n<p class=\"muted\">Not received here: the platform sends mail to its SMTP server "
					+ "(Mailpit in docker compose, on port 8025).</p>\n");
		}
		else {
			section(page, "Mail", mail.size(), "SMTP server");
			table(page, newest(mail), List.of("receivedAt", "to", "subject", "text"), List.of("received", "to", "subject", "text"));
		}
		section(page, "SMS", sms.size(), "Twilio Messages API");
		table(page, newest(sms), List.of("time", "to", "body", "status", "sid"), List.of("time", "to", "text", "status", "sid"));
		section(page, "WhatsApp", whatsApp.size(), "WhatsApp Cloud API");
		table(page, newest(whatsApp), List.of("time", "to", "template", "parameters", "text", "status", "id"),
				List.of("time", "to", "template", "parameters", "text", "status", "id"));
		section(page, "Refunds", payments.size(), "Stripe Refunds API");
		table(page, newest(payments), List.of("time", "id", "amount", "currency", "payment_intent", "metadata", "status"),
				List.of("time", "refund", "amount (minor units)", "currency", "payment", "metadata", "status"));
		page.append("</body>\n</html>\n");
		return page.toString();
	}

	private static void fault(StringBuilder page, String provider, String path, Faults.Fault fault) {
		if (fault == null) {
			return;
		}
		page.append("<p class=\"fault\">").append(provider).append(" fault in force until ")
			.append(escape(fault.until().toString())).append(':');
		if (fault.delayMillis() > 0) {
			page.append(" answers delayed by ").append(fault.delayMillis()).append(" ms");
		}
		if (fault.status() != 0) {
			page.append(" answers ").append(fault.status());
		}
		page.append(". <code>DELETE /").append(path).append("/faults</code> ends it.</p>\n");
	}

	private static void section(StringBuilder page, String title, int count, String provider) {
		page.append("<h2>").append(title).append(" <span class=\"muted\">(").append(count).append(", ")
			.append(provider).append(")</span></h2>\n");
	}

	private static void table(StringBuilder page, List<Map<String, Object>> rows, List<String> fields, List<String> headings) {
		if (rows.isEmpty()) {
			page.append("<p class=\"muted\">Nothing received yet.</p>\n");
			return;
		}
		page.append("<table>\n<tr>");
		headings.forEach(heading -> page.append("<th>").append(heading).append("</th>"));
		page.append("</tr>\n");
		for (var row : rows.subList(0, Math.min(ROWS, rows.size()))) {
			page.append("<tr>");
			for (var field : fields) {
				var value = row.get(field);
				var text = value instanceof List<?> list ? String.join(" | ", list.stream().map(String::valueOf).toList())
						: value instanceof Map<?, ?> map ? String.join(" | ", map.entrySet().stream()
							.map(entry -> entry.getKey() + "=" + entry.getValue()).toList())
						: value == null ? "" : String.valueOf(value);
				page.append(field.equals("text") || field.equals("body") ? "<td class=\"text\">" : "<td>")
					.append(escape(text))
					.append("</td>");
			}
			page.append("</tr>\n");
		}
		page.append("</table>\n");
	}

	private static List<Map<String, Object>> newest(List<Map<String, Object>> oldestFirst) {
		var rows = new ArrayList<>(oldestFirst);
		Collections.reverse(rows);
		return rows;
	}

	static String escape(String text) {
		var escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}
}
