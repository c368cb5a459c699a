package dev.postpurchase.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Finds free local ports, for servers that must keep their port across restarts. */
public final class FreePorts {

	private FreePorts() {
	}

	/** Returns {@code count} distinct free ports; the sockets are held together so the OS cannot hand one out twice. */
	public static int[] find(int count) {
		var sockets = new ArrayList<ServerSocket>(count);
		try {
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free local port", ex);
		}
		finally {
			closeAll(sockets);
		}
	}

	static int find() {
		return find(1)[0];
	}

	private static void closeAll(List<ServerSocket> sockets) {
		for (var socket : sockets) {
			try {
				socket.close();
			}
			catch (IOException ignored) {
				// the port is released with the process at the latest
			}
		}
	}
}
