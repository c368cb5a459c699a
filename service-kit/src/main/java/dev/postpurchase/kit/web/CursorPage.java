package dev.postpurchase.kit.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list served newest first with cursor pagination; {@code nextCursor} is null on the
 * last page. A cursor marks the last item seen, so pages stay stable while new items arrive (no
 * skip/offset scans).
 */
public record CursorPage<T>(List<T> items, String nextCursor) {

	/**
	 * The page from what a query fetched with a limit of {@code limit + 1}: the extra item is only
	 * there to tell that another page follows, and is dropped.
	 */
	public static <T> CursorPage<T> of(List<T> fetched, int limit, Function<T, Cursor> cursorOf) {
		if (fetched.size() <= limit) {
			return new CursorPage<>(fetched, null);
		}
		var items = fetched.subList(0, limit);
		return new CursorPage<>(items, cursorOf.apply(items.get(limit - 1)).encode());
	}

	public <R> CursorPage<R> map(Function<T, R> mapper) {
		return new CursorPage<>(items.stream().map(mapper).toList(), nextCursor);
	}

	/**
	 * Where the last page ended: the time the list is sorted by and the id that breaks ties, opaque
	 * to clients as base64url of {@code millis|id}.
	 */
	public record Cursor(Instant at, String id) {

		public String encode() {
			var text = at.toEpochMilli() + "|" + id;
			return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
		}

		/** Reads a cursor this API returned; anything else is a 400 problem. */
		public static Cursor parse(String cursor) {
			try {
				var text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
				var separator = text.indexOf('|');
				return new Cursor(Instant.ofEpochMilli(Long.parseLong(text.substring(0, separator))),
						text.substring(separator + 1));
			}
			catch (RuntimeException ex) {
				throw Problems.badRequest("cursor: not a cursor returned by this API");
			}
		}

	}

}
