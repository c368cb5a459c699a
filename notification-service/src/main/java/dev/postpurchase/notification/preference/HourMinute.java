package dev.postpurchase.notification.preference;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import org.springframework.data.mongodb.core.convert.MongoConversionContext;
import org.springframework.data.mongodb.core.convert.MongoValueConverter;

/**
 * Stores a time of day as {@code HH:mm} text: readable in the database and independent of the
 * server's time zone (Spring Data's default would store a date-time in the server's zone).
 */
class HourMinute implements MongoValueConverter<LocalTime, String> {

	static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm");

	@Override
	public LocalTime read(String value, MongoConversionContext context) {
		return LocalTime.parse(value, FORMAT);
	}

	@Override
	public String write(LocalTime value, MongoConversionContext context) {
		return value.format(FORMAT);
	}

}
