package dev.postpurchase.contracts.order;

/** Where the customer bought: KPIs are split by it. */
public enum SalesChannel {

	WEB, MOBILE_APP, MARKETPLACE, POS, SOCIAL, OTHER

}
