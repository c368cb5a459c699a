package dev.postpurchase.kit.json;

import java.util.Arrays;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns Jackson errors into messages that name the problem and where it is ({@code lines[0].quantity})
 * without repeating input values, which may be personal data. Safe for logs, dead-letter headers and
 * API responses alike.
 */
public final class JsonErrors {

	private JsonErrors() {
	}

	/** A message such as "Invalid value at 'lines[0].quantity': expected int". */
	public static String describe(JacksonException ex) {
		var path = path(ex);
		var where = path.isEmpty() ? "" : " at '" + path + "'";
		if (ex instanceof InvalidFormatException invalid) {
			var target = invalid.getTargetType();
			if (target != null && target.isEnum()) {
				return "Unknown value" + where + "; accepted values: " + enumValues(target);
			}
			return "Invalid value" + where + "; expected " + typeName(target);
		}
		if (ex instanceof UnrecognizedPropertyException) {
			return "Unknown property" + where;
		}
		if (ex instanceof MismatchedInputException mismatched) {
			if (mismatched.getOriginalMessage() != null && mismatched.getOriginalMessage().startsWith("Missing")) {
				return "Missing required value" + where;
			}
			return "Invalid value" + where + "; expected " + typeName(mismatched.getTargetType());
		}
		if (ex instanceof StreamReadException) {
			var location = ex.getLocation();
			return "Malformed JSON" + (location == null ? ""
					: " at line " + location.getLineNr() + ", column " + location.getColumnNr());
		}
		return "Invalid JSON" + where;
	}

	/** The JSON path of the error, for example {@code lines[0].quantity}; empty at the root. */
	public static String path(JacksonException ex) {
		var path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			else if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
		}
		return path.toString();
	}

	private static String enumValues(Class<?> type) {
		// the constants' JSON names, as Jackson writes them (for example "InTransit")
		return Arrays.stream(type.getEnumConstants()).map(constant -> {
			try {
				var annotation = type.getField(((Enum<?>) constant).name())
					.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
				return annotation != null ? annotation.value() : ((Enum<?>) constant).name();
			}
			catch (NoSuchFieldException ex) {
				return ((Enum<?>) constant).name();
			}
		}).collect(Collectors.joining(", ", "[", "]"));
	}

	private static String typeName(Class<?> type) {
		if (type == null) {
			return "another type";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "an integer";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type == java.math.BigDecimal.class || type == double.class || type == Double.class) {
			return "a number";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == java.time.Instant.class) {
			return "an ISO-8601 date-time with offset, e.g. 2026-05-12T08:30:00Z";
		}
		if (type == java.time.ZoneId.class) {
			return "an IANA time zone, e.g. Europe/Amsterdam";
		}
		if (java.util.Collection.class.isAssignableFrom(type)) {
			return "an array";
		}
		return "an object";
	}

}
