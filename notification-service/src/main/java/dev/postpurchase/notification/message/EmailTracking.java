package dev.postpurchase.notification.message;

/** The signed links that report the opens of an email and the clicks on its links. */
public interface EmailTracking {

	/** The URL of the image that records the open of an email. */
	String openPixel(String notificationId);

	/** The URL that records a click on {@code targetUrl} (absolute http(s)) and redirects to it. */
	String click(String notificationId, String targetUrl);

}
