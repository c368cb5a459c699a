package dev.postpurchase.kit.security;

/**
 * What a customer link is for. A token is good for one purpose only: a survey link cannot start a
 * return.
 */
public enum LinkPurpose {

	TRACKING, RETURN, SURVEY, PREFERENCES

}
