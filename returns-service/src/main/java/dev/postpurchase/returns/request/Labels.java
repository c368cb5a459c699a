package dev.postpurchase.returns.request;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.shipment.Carriers;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.returns.request.CustomerReturn.Label;

/**
 * Issues the prepaid label of a mail-in return: the configured return carrier, a tracking number in
 * the carrier's account range, and a link where the customer prints it (signed for the order, like
 * every customer link). A carrier's label API would take this place; the tracking number is what
 * tracking-service follows back.
 */
@Component
class Labels {

	private final SecureRandom random = new SecureRandom();

	private final CustomerLinks links;

	private final ReturnLinks settings;

	Labels(CustomerLinks links, ReturnLinks settings) {
		this.links = links;
		this.settings = settings;
	}

	Label issue(String returnId, String orderId, String carrier) {
		var digits = new StringBuilder("JVGL");
		for (int i = 0; i < 16; i++) {
			digits.append(random.nextInt(10));
		}
		var url = settings.serviceUrl().replaceAll("/+$", "") + "/api/v1/customer/returns/" + returnId + "/label?token="
				+ links.issue(orderId, LinkPurpose.RETURN);
		return new Label(Carriers.normalize(carrier), digits.toString(), url);
	}

}
