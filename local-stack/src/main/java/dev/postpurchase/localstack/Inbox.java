package dev.postpurchase.localstack;

import java.util.ArrayDeque;
import java.util.List;

/**
 * What one simulator received, oldest first, keeping only the most recent {@code capacity} items so
 * that a stack left running for days does not grow without bound.
 *
 * @param <T> what is kept
 */
final class Inbox<T> {

	private final int capacity;

	private final ArrayDeque<T> items = new ArrayDeque<>();

	private long total;

	Inbox(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be positive");
		}
		this.capacity = capacity;
	}

	synchronized void add(T item) {
		this.items.addLast(item);
		this.total++;
		while (this.items.size() > this.capacity) {
			this.items.removeFirst();
		}
	}

	/** The items kept, oldest first. */
	synchronized List<T> list() {
		return List.copyOf(this.items);
	}

	/** How many were ever added, including those no longer kept. */
	synchronized long total() {
		return this.total;
	}
}
