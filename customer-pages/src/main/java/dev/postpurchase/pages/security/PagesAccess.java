package dev.postpurchase.pages.security;

import static dev.postpurchase.kit.security.EndpointAccess.open;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.security.AccessRules;
import dev.postpurchase.kit.security.EndpointAccess;

/**
 * Who may call what on customer-pages: everyone, for reading any page and sending the pages' forms,
 * because the customer's link token in the URL or form is checked by the backend that owns the data.
 * Other methods stay closed by service-kit's final deny-all. Health and Prometheus are open as in
 * every service.
 */
@Component
class PagesAccess implements AccessRules {

	static final String BECAUSE = "a customer page: the backend that owns the data checks the link token";

	@Override
	public List<EndpointAccess> endpoints() {
		return List.of(open(HttpMethod.GET, "/**", BECAUSE), open(HttpMethod.HEAD, "/**", BECAUSE),
				open(HttpMethod.POST, "/survey/**", BECAUSE), open(HttpMethod.POST, "/preferences/**", BECAUSE),
				open(HttpMethod.POST, "/returns/**", BECAUSE));
	}

}
