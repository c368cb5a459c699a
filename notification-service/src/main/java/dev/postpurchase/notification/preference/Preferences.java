package dev.postpurchase.notification.preference;

import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.notification.preference.PreferenceChange.Setting;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Customers' notification preferences, one document per customer ({@link Preference}). Channel
 * changes are set operations on the stored document, so two changes at once (an agent's edit and a
 * one-click unsubscribe) never undo each other's channels.
 */
@Component
public class Preferences {

	private static final Logger log = LoggerFactory.getLogger(Preferences.class);

	static final String COLLECTION = "preferences";

	private static final String OPTED_OUT = "optedOut";

	private static final FindAndModifyOptions UPSERT = FindAndModifyOptions.options().upsert(true).returnNew(true);

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	Preferences(ReactiveMongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** What the customer chose; empty when they never chose anything (see {@link Preference#defaults}). */
	public Mono<Preference> of(String customerId) {
		return mongo.findById(customerId, Preference.class, COLLECTION);
	}

	/** What the customers chose, with one query; those who never chose anything are missing. */
	public Flux<Preference> ofAll(Collection<String> customerIds) {
		return mongo.find(Query.query(Criteria.where("_id").in(customerIds)), Preference.class, COLLECTION);
	}

	/** Applies a change, creating the customer's document when needed; returns the result. */
	public Mono<Preference> save(String customerId, PreferenceChange change, String by) {
		var off = channels(change.channels(), false);
		var on = channels(change.channels(), true);
		var update = stamped(by);
		set(update, "language", change.gives(Setting.LANGUAGE), change.language());
		set(update, "quietHours", change.gives(Setting.QUIET_HOURS), change.quietHours());
		set(update, "timeZone", change.gives(Setting.TIME_ZONE), change.timeZone());
		if (!off.isEmpty()) {
			update.addToSet(OPTED_OUT).each(off.toArray());
		}
		else if (!on.isEmpty()) {
			update.pullAll(OPTED_OUT, on.toArray());
		}
		var saved = mongo.findAndModify(byId(customerId), update, UPSERT, Preference.class, COLLECTION);
		if (!off.isEmpty() && !on.isEmpty()) {
			// one update cannot both add to and pull from the same array
			saved = saved.then(mongo.findAndModify(byId(customerId), new Update().pullAll(OPTED_OUT, on.toArray()),
					UPSERT, Preference.class, COLLECTION));
		}
		return saved.doOnNext(result -> log.info("Preferences of customer {} changed by {}", customerId,
				by.startsWith("agent:") ? "an agent" : by));
	}

	/** Switches channels off for a customer (an unsubscribe); returns the result. */
	public Mono<Preference> optOut(String customerId, Set<Channel> channels, String by) {
		var update = stamped(by);
		if (!channels.isEmpty()) {
			update.addToSet(OPTED_OUT).each(channels.toArray());
		}
		return mongo.findAndModify(byId(customerId), update, UPSERT, Preference.class, COLLECTION)
			.doOnNext(result -> log.info("Customer {} opted out of {}", customerId, channels));
	}

	private Update stamped(String by) {
		return new Update().set("updatedAt", clock.instant()).set("updatedBy", by);
	}

	private static void set(Update update, String field, boolean given, Object value) {
		if (!given) {
			return;
		}
		if (value == null) {
			update.unset(field);
		}
		else {
			update.set(field, value);
		}
	}

	private static Set<Channel> channels(Map<Channel, Boolean> channels, boolean on) {
		var matching = EnumSet.noneOf(Channel.class);
		channels.forEach((channel, value) -> {
			if (value == on) {
				matching.add(channel);
			}
		});
		return matching;
	}

	private static Query byId(String customerId) {
		return Query.query(Criteria.where("_id").is(customerId));
	}

}
