package dev.postpurchase.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The golden JSON samples of the catalog, for consumers' tests: one realistic message per type, on
 * the classpath at {@link MessageType#sampleResource()}. The event samples tell one story (order
 * {@code ord_8K2F5QW1XR} from checkout to refund and survey), so a test can publish several of them
 * and check what its service made of that order.
 */
public final class GoldenSamples {

	private GoldenSamples() {
	}

	/** The sample of a catalog type, read with the contract's mapper. */
	public static <T> T load(Class<T> type) {
		return EventJson.mapper().readValue(json(type), type);
	}

	/** The raw JSON text of the sample of a catalog type, as a producer would have written it. */
	public static String json(Class<?> type) {
		String resource = EventCatalog.of(type).sampleResource();
		try (InputStream in = GoldenSamples.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Golden sample missing from the classpath: " + resource);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read golden sample " + resource, ex);
		}
	}

}
