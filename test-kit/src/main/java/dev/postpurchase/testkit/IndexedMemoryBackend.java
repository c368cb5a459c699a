package dev.postpurchase.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/**
 * {@code mongo-java-server}'s memory backend with two things of MongoDB's query planner it lacks, so
 * that what costs MongoDB an index lookup does not cost the embedded default a scan of the whole
 * collection:
 * <ul>
 * <li>a query naming the {@code _id} (a value or {@code $in}) and other fields besides reads the
 * documents of those ids only. The backend uses an index only when a query has exactly the index's
 * fields, so {@code {_id: 1, version: 3}} (Spring Data's save of a versioned document) and
 * {@code {_id: 1, status: "PENDING"}} (a conditional update) read every document;</li>
 * <li>non-unique indexes, which the backend ignores: for the first field of each, when it is a
 * top-level field, a query with a string (or {@code $in} strings) for that field reads the
 * documents with that value only ({@code {orderId: "o-1", milestone: "SHIPPED"}}), and one with a
 * date or a range of dates the documents with such a date only ({@code {nextCheckAt: {$lte: now}}},
 * the exception checker's). A field that holds an array in some document (where equality also
 * matches an element) is not used from then on;</li>
 * <li>for an index on a field of embedded documents ({@code outbox.eventId}, the outbox relay's),
 * a query for {@code {$exists: true}} on it reads the documents that have it only: the relay's
 * search for pending entries, every second, would otherwise read every shipment.</li>
 * </ul>
 * Every other query works as before; the other fields of a query are matched as before, on fewer
 * documents.
 */
final class IndexedMemoryBackend extends MemoryBackend {

	private static final String ID = "_id";

	@Override
	public MemoryDatabase openOrCreateDatabase(String databaseName) {
		return new Database(databaseName, getCursorRegistry());
	}

	private static final class Database extends MemoryDatabase {

		Database(String name, CursorRegistry cursors) {
			super(name, cursors);
		}

		@Override
		protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
			return new Collection(this, collectionName, options, this.cursorRegistry);
		}

		@Override
		protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			if (resolveCollection(collectionName, false) instanceof Collection collection) {
				collection.indexField(keys.get(0).getKey());
			}
			return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
		}

	}

	private static final class Collection extends MemoryCollection {

		private final Map<String, Narrowing> byField = new HashMap<>();

		Collection(MemoryDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
			super(database, name, options, cursors);
		}

		synchronized void indexField(String field) {
			if (field.startsWith("$") || byField.containsKey(field)) {
				return;
			}
			Narrowing index = field.contains(".") ? new PresenceIndex(field) : new FieldIndex(field);
			streamAllDocumentsWithPosition().forEach(each -> index.add(each.getDocument(), each.getPosition()));
			byField.put(field, index);
		}

		@Override
		protected synchronized QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip,
				int numberToReturn, int batchSize, Document fieldSelector) {
			var positions = positions(query);
			if (positions != null) {
				// every field of the query is matched on the documents found
				return matchDocuments(query, positions, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
			}
			return super.queryDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
		}

		/** The positions of the only documents that can match, or null when no index narrows them. */
		private Iterable<Integer> positions(Document query) {
			if (query.size() > 1 && query.containsKey(ID)) {
				var byId = new Document(ID, query.get(ID));
				for (var index : getIndexes()) {
					if (index.canHandle(byId)) {
						return index.getPositions(byId);
					}
				}
			}
			for (var field : query.keySet()) {
				var index = byField.get(field);
				var positions = index == null ? null : index.positions(query.get(field));
				if (positions != null) {
					return positions;
				}
			}
			return null;
		}

		@Override
		protected synchronized Integer addDocumentInternal(Document document) {
			var position = super.addDocumentInternal(document);
			byField.values().forEach(index -> index.add(document, position));
			return position;
		}

		@Override
		protected synchronized void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
			super.handleUpdate(position, oldDocument, newDocument);
			byField.values().forEach(index -> {
				index.remove(oldDocument, position);
				index.add(newDocument, position);
			});
		}

		@Override
		protected synchronized void removeDocument(Integer position) {
			var document = getDocument(position);
			if (document != null) {
				byField.values().forEach(index -> index.remove(document, position));
			}
			super.removeDocument(position);
		}

	}

	/** What narrows a query down to the documents that can match one of its conditions. */
	private interface Narrowing {

		/** The positions of the documents that can match this condition on the field; null: any. */
		Iterable<Integer> positions(Object condition);

		void add(Document document, Integer position);

		void remove(Document document, Integer position);

	}

	/**
	 * The documents that have a field of embedded documents ({@code outbox.eventId}: some element of
	 * the {@code outbox} array, or the embedded {@code outbox} document, has {@code eventId}), for
	 * {@code {$exists: true}} on it; any other condition is matched as before.
	 */
	private static final class PresenceIndex implements Narrowing {

		private final String[] path;

		private final Set<Integer> present = new LinkedHashSet<>();

		PresenceIndex(String field) {
			this.path = field.split("\\.");
		}

		@Override
		public Iterable<Integer> positions(Object condition) {
			return condition instanceof Document exists && exists.size() == 1
					&& Boolean.TRUE.equals(exists.get("$exists")) ? new ArrayList<>(present) : null;
		}

		@Override
		public void add(Document document, Integer position) {
			if (has(document, 0)) {
				present.add(position);
			}
		}

		@Override
		public void remove(Document document, Integer position) {
			present.remove(position);
		}

		private boolean has(Object value, int depth) {
			if (value instanceof java.util.Collection<?> elements) {
				return elements.stream().anyMatch(element -> has(element, depth));
			}
			if (!(value instanceof Document document) || !document.containsKey(path[depth])) {
				return false;
			}
			return depth == path.length - 1 || has(document.get(path[depth]), depth + 1);
		}

	}

	/**
	 * The documents by the value of one top-level field: strings (found by equality) and dates (found
	 * by equality or a range). Documents with another kind of value there cannot match such a query.
	 */
	private static final class FieldIndex implements Narrowing {

		private static final Set<String> RANGE = Set.of("$lt", "$lte", "$gt", "$gte");

		private final String field;

		private final Map<String, Set<Integer>> strings = new HashMap<>();

		private final NavigableMap<Instant, Set<Integer>> dates = new TreeMap<>();

		/** Some document holds an array here, where equality and ranges also match an element. */
		private boolean unusable;

		FieldIndex(String field) {
			this.field = field;
		}

		@Override
		public Iterable<Integer> positions(Object condition) {
			if (unusable) {
				return null;
			}
			if (condition instanceof String value) {
				return copy(strings.get(value));
			}
			if (condition instanceof Document in && in.size() == 1 && in.get("$in") instanceof java.util.Collection<?> values
					&& values.stream().allMatch(String.class::isInstance)) {
				var positions = new LinkedHashSet<Integer>();
				values.forEach(value -> positions.addAll(strings.getOrDefault(value, Set.of())));
				return new ArrayList<>(positions);
			}
			if (condition instanceof Instant value) {
				return copy(dates.get(value));
			}
			if (condition instanceof Document range && !range.isEmpty() && RANGE.containsAll(range.keySet())
					&& range.values().stream().allMatch(Instant.class::isInstance)) {
				NavigableMap<Instant, Set<Integer>> within = dates;
				try {
					for (var bound : range.entrySet()) {
						var at = (Instant) bound.getValue();
						within = switch (bound.getKey()) {
							case "$lt" -> within.headMap(at, false);
							case "$lte" -> within.headMap(at, true);
							case "$gt" -> within.tailMap(at, false);
							default -> within.tailMap(at, true);
						};
					}
				}
				catch (IllegalArgumentException emptyRange) {
					// a bound outside the other one's range: {$gt: later, $lt: earlier}
					return List.of();
				}
				var positions = new ArrayList<Integer>();
				within.values().forEach(positions::addAll);
				return positions;
			}
			return null;
		}

		@Override
		public void add(Document document, Integer position) {
			var value = document.get(field);
			if (value instanceof String string) {
				strings.computeIfAbsent(string, key -> new LinkedHashSet<>()).add(position);
			}
			else if (value instanceof Instant date) {
				dates.computeIfAbsent(date, key -> new LinkedHashSet<>()).add(position);
			}
			else if (value instanceof java.util.Collection<?>) {
				unusable = true;
			}
		}

		@Override
		public void remove(Document document, Integer position) {
			var value = document.get(field);
			if (value instanceof String string) {
				remove(strings, string, position);
			}
			else if (value instanceof Instant date) {
				remove(dates, date, position);
			}
		}

		private static <K> void remove(Map<K, Set<Integer>> map, K key, Integer position) {
			var positions = map.get(key);
			if (positions != null && positions.remove(position) && positions.isEmpty()) {
				map.remove(key);
			}
		}

		private static List<Integer> copy(Set<Integer> positions) {
			return positions == null ? List.of() : new ArrayList<>(positions);
		}

	}

}
