package dev.postpurchase.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Settings given to every service on top of the stack's own, from {@code LOCAL_STACK_PROPERTIES}: a
 * JSON object of Spring property names to values, e.g.
 * {@code {"notifications.collapse-window": "0s"}}. The stack's own settings travel in
 * {@code SPRING_APPLICATION_JSON}, which outranks the environment, so a plain environment variable
 * cannot change them; this can. The benchmark ({@code bench/}) sets the settings it measures under
 * this way and names them in its report.
 */
final class PropertyOverrides {

	static final String VARIABLE = "LOCAL_STACK_PROPERTIES";

	private PropertyOverrides() {
	}

	/** @return property name to value, in the order given; empty when the variable is unset */
	static Map<String, String> from(Map<String, String> environment) {
		var json = environment.get(VARIABLE);
		var properties = new LinkedHashMap<String, String>();
		if (json == null || json.isBlank()) {
			return properties;
		}
		JsonNode object;
		try {
			object = JsonMapper.shared().readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(VARIABLE + " must be a JSON object of property names to values", ex);
		}
		if (!object.isObject()) {
			throw new IllegalArgumentException(VARIABLE + " must be a JSON object of property names to values");
		}
		for (var entry : object.properties()) {
			if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
				throw new IllegalArgumentException(VARIABLE + ": the value of " + entry.getKey() + " must be a string, "
						+ "number or boolean");
			}
			properties.put(entry.getKey(), entry.getValue().asString());
		}
		return properties;
	}
}
