package dev.postpurchase.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.postpurchase.kit.web.CursorPage.Cursor;

class CursorPageTests {

	record Item(Instant at, String id) {

		Cursor cursor() {
			return new Cursor(at, id);
		}

	}

	private static final Item NEWEST = new Item(Instant.parse("2025-03-02T10:00:00.123Z"), "c");

	private static final Item MIDDLE = new Item(Instant.parse("2025-03-02T09:00:00Z"), "b");

	private static final Item OLDEST = new Item(Instant.parse("2025-03-01T09:00:00Z"), "a");

	@Test
	void dropsTheExtraItemAndPointsTheCursorAtTheLastOneServed() {
		var page = CursorPage.of(List.of(NEWEST, MIDDLE, OLDEST), 2, Item::cursor);

		assertThat(page.items()).containsExactly(NEWEST, MIDDLE);
		assertThat(Cursor.parse(page.nextCursor())).isEqualTo(MIDDLE.cursor());
	}

	@Test
	void hasNoCursorWhenNothingFollows() {
		assertThat(CursorPage.of(List.of(NEWEST, MIDDLE), 2, Item::cursor))
			.isEqualTo(new CursorPage<>(List.of(NEWEST, MIDDLE), null));
		assertThat(CursorPage.of(List.<Item>of(), 2, Item::cursor)).isEqualTo(new CursorPage<>(List.of(), null));
	}

	@Test
	void mapsItemsAndKeepsTheCursor() {
		var page = CursorPage.of(List.of(NEWEST, MIDDLE), 1, Item::cursor).map(Item::id);

		assertThat(page.items()).containsExactly("c");
		assertThat(Cursor.parse(page.nextCursor())).isEqualTo(NEWEST.cursor());
	}

	@Test
	void encodesMillisAndIdAsUnpaddedBase64Url() {
		var cursor = new Cursor(Instant.ofEpochMilli(1740909600123L), "ord_1|x");

		assertThat(cursor.encode()).isEqualTo("MTc0MDkwOTYwMDEyM3xvcmRfMXx4");
		assertThat(Cursor.parse(cursor.encode())).isEqualTo(cursor);
	}

	@Test
	void refusesWhatIsNotACursorWithA400Problem() {
		for (var notACursor : List.of("%%%", "bm8tc2VwYXJhdG9y", "bm90LWEtbnVtYmVyfGlk")) {
			var refusal = catchThrowableOfType(ErrorResponseException.class, () -> Cursor.parse(notACursor));

			assertThat(refusal.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(refusal.getBody().getDetail()).isEqualTo("cursor: not a cursor returned by this API");
		}
	}

}
