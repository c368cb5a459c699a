package dev.postpurchase.notification.provider;

/**
 * A provider did not take a message. The message text is a code (the provider's error code, an
 * HTTP status, or an exception class name), never anything that could hold personal data.
 */
public class ProviderException extends RuntimeException {

	private final String code;

	private final boolean permanent;

	public ProviderException(String code, boolean permanent, Throwable cause) {
		super(code, cause);
		this.code = code;
		this.permanent = permanent;
	}

	public ProviderException(String code, boolean permanent) {
		this(code, permanent, null);
	}

	/** A transient failure caused by {@code cause}, coded with its class name. */
	public static ProviderException transientFrom(Throwable cause) {
		return new ProviderException(cause.getClass().getSimpleName(), false, cause);
	}

	/** The code for the events and the ledger, for example {@code 21211} or {@code HTTP_503}. */
	public String code() {
		return code;
	}

	/** Whether trying again cannot help. */
	public boolean permanent() {
		return permanent;
	}

}
