package dev.postpurchase.contracts;

/**
 * A message type of the catalog: its CloudEvents type id (the only thing on the wire that names it),
 * the Java record that carries it, and the topic it travels on.
 */
public record MessageType(String id, Class<?> javaType, String topic) {

	/** The JSON Schema of this type, on the classpath: {@code schemas/<id>.json}. */
	public String schemaResource() {
		return "schemas/" + id + ".json";
	}

	/** A golden sample of this type, on the classpath: {@code samples/<id>.json}. */
	public String sampleResource() {
		return "samples/" + id + ".json";
	}

}
