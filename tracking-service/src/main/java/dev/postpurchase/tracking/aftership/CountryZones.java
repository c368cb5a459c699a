package dev.postpurchase.tracking.aftership;

import static java.util.Map.entry;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * The time zone of a country that has only one (or, for ESP and PRT, one on the mainland, where
 * almost every parcel is scanned), by ISO 3166-1 alpha-3 code. AfterShip gives checkpoint times in
 * the carrier's local time, often without offset, and no zone; this is how such a time gets one.
 * Countries with several zones (USA, CAN, AUS, BRA, RUS, MEX, IDN...) have none here: a checkpoint
 * there cannot be placed without more than a country.
 */
final class CountryZones {

	private static final Map<String, ZoneId> ZONES = Map.ofEntries(entry("NLD", zone("Europe/Amsterdam")),
			entry("BEL", zone("Europe/Brussels")), entry("LUX", zone("Europe/Luxembourg")),
			entry("DEU", zone("Europe/Berlin")), entry("FRA", zone("Europe/Paris")), entry("ITA", zone("Europe/Rome")),
			entry("AUT", zone("Europe/Vienna")), entry("CHE", zone("Europe/Zurich")),
			entry("GBR", zone("Europe/London")), entry("IRL", zone("Europe/Dublin")),
			entry("ESP", zone("Europe/Madrid")), entry("PRT", zone("Europe/Lisbon")),
			entry("DNK", zone("Europe/Copenhagen")), entry("NOR", zone("Europe/Oslo")),
			entry("SWE", zone("Europe/Stockholm")), entry("FIN", zone("Europe/Helsinki")),
			entry("ISL", zone("Atlantic/Reykjavik")), entry("POL", zone("Europe/Warsaw")),
			entry("CZE", zone("Europe/Prague")), entry("SVK", zone("Europe/Bratislava")),
			entry("HUN", zone("Europe/Budapest")), entry("SVN", zone("Europe/Ljubljana")),
			entry("HRV", zone("Europe/Zagreb")), entry("ROU", zone("Europe/Bucharest")),
			entry("BGR", zone("Europe/Sofia")), entry("GRC", zone("Europe/Athens")),
			entry("EST", zone("Europe/Tallinn")), entry("LVA", zone("Europe/Riga")),
			entry("LTU", zone("Europe/Vilnius")), entry("MLT", zone("Europe/Malta")),
			entry("TUR", zone("Europe/Istanbul")), entry("ISR", zone("Asia/Jerusalem")),
			entry("ARE", zone("Asia/Dubai")), entry("IND", zone("Asia/Kolkata")), entry("CHN", zone("Asia/Shanghai")),
			entry("HKG", zone("Asia/Hong_Kong")), entry("TWN", zone("Asia/Taipei")), entry("JPN", zone("Asia/Tokyo")),
			entry("KOR", zone("Asia/Seoul")), entry("SGP", zone("Asia/Singapore")),
			entry("THA", zone("Asia/Bangkok")), entry("ZAF", zone("Africa/Johannesburg")));

	private CountryZones() {
	}

	/** The zone of the country; null when unknown, blank, or a country with several zones. */
	static ZoneId of(String iso3) {
		return iso3 == null ? null : ZONES.get(iso3.trim().toUpperCase(Locale.ROOT));
	}

	private static ZoneId zone(String id) {
		return ZoneId.of(id);
	}

}
