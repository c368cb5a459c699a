package dev.postpurchase.tracking.exception;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class BusinessHoursTests {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	private final BusinessHours utc = new BusinessHours(ZoneOffset.UTC, List.of());

	@Test
	void aFridayEveningScanStallsOnTuesdayEveningNotOverTheWeekend() {
		// Friday 2026-05-15 18:00: 6h on Friday, none on Saturday and Sunday, 24h on Monday, 18h on Tuesday
		var friday = LocalDateTime.parse("2026-05-15T18:00").toInstant(ZoneOffset.UTC);
		assertThat(utc.plus(friday, Duration.ofHours(48)))
			.isEqualTo(LocalDateTime.parse("2026-05-19T18:00").toInstant(ZoneOffset.UTC));
	}

	@Test
	void withinTheWeekTimeRunsAsUsual() {
		var tuesday = LocalDateTime.parse("2026-05-12T09:30").toInstant(ZoneOffset.UTC);
		assertThat(utc.plus(tuesday, Duration.ofHours(48)))
			.isEqualTo(LocalDateTime.parse("2026-05-14T09:30").toInstant(ZoneOffset.UTC));
	}

	@Test
	void aScanOnSaturdayStartsCountingOnMonday() {
		var saturday = LocalDateTime.parse("2026-05-16T11:00").toInstant(ZoneOffset.UTC);
		assertThat(utc.plus(saturday, Duration.ofHours(48)))
			.isEqualTo(LocalDateTime.parse("2026-05-20T00:00").toInstant(ZoneOffset.UTC));
	}

	@Test
	void holidaysDoNotCount() {
		// Whit Monday 2026-05-25
		var withHoliday = new BusinessHours(ZoneOffset.UTC, List.of(LocalDate.parse("2026-05-25")));
		var friday = LocalDateTime.parse("2026-05-22T18:00").toInstant(ZoneOffset.UTC);
		assertThat(withHoliday.plus(friday, Duration.ofHours(48)))
			.isEqualTo(LocalDateTime.parse("2026-05-27T18:00").toInstant(ZoneOffset.UTC));
	}

	@Test
	void weekendsAreTheCustomersTimeZones() {
		var amsterdam = new BusinessHours(AMSTERDAM, List.of());
		// Friday 23:30 UTC is already Saturday 01:30 in Amsterdam: nothing counts until Monday there
		var lateFriday = LocalDateTime.parse("2026-05-15T23:30").toInstant(ZoneOffset.UTC);
		assertThat(amsterdam.plus(lateFriday, Duration.ofHours(24)))
			.isEqualTo(LocalDateTime.parse("2026-05-19T00:00").atZone(AMSTERDAM).toInstant());
		assertThat(utc.plus(lateFriday, Duration.ofHours(24)))
			.isEqualTo(LocalDateTime.parse("2026-05-18T23:30").toInstant(ZoneOffset.UTC));
	}

	@Test
	void exactlyTheEndOfABusinessDayIsThatMidnight() {
		var friday = LocalDateTime.parse("2026-05-15T00:00").toInstant(ZoneOffset.UTC);
		assertThat(utc.plus(friday, Duration.ofHours(24)))
			.isEqualTo(LocalDateTime.parse("2026-05-16T00:00").toInstant(ZoneOffset.UTC));
	}

	@Test
	void noBusinessDaysLeftMeansNoStall() {
		var everyDay = new java.util.ArrayList<LocalDate>();
		for (var day = LocalDate.parse("2026-01-01"); day.getYear() < 2040; day = day.plusDays(1)) {
			everyDay.add(day);
		}
		var none = new BusinessHours(ZoneOffset.UTC, everyDay);
		assertThat(none.plus(LocalDateTime.parse("2026-05-15T00:00").toInstant(ZoneOffset.UTC), Duration.ofHours(1)))
			.isNull();
	}

}
