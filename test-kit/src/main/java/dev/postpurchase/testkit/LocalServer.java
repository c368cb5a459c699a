package dev.postpurchase.testkit;

/**
 * The life cycle every in-process server of the test kit shares: started at most once, stopped
 * cleanly and forgotten even when stopping fails, restartable.
 *
 * @param <S> the running server
 */
public abstract class LocalServer<S> implements AutoCloseable {

	private S server;

	/** Starts the server and returns it once it accepts clients; cleans up after itself when it fails. */
	protected abstract S open();

	/** Stops a running server and waits until it has. */
	protected abstract void shut(S server);

	/** Starts the server; does nothing when it is running. */
	public synchronized void start() {
		if (this.server == null) {
			this.server = open();
		}
	}

	/** Stops the server; does nothing when it is stopped. */
	public synchronized void stop() {
		if (this.server == null) {
			return;
		}
		try {
			shut(this.server);
		}
		finally {
			this.server = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	public synchronized boolean isRunning() {
		return this.server != null;
	}

}
