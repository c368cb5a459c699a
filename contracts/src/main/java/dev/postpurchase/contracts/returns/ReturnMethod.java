package dev.postpurchase.contracts.returns;

/** How the items come back. */
public enum ReturnMethod {

	MAIL_IN, DROP_OFF, IN_STORE

}
