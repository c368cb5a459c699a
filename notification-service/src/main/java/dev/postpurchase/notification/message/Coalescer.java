package dev.postpurchase.notification.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Sends requests that come while one is under way together, as one: the first goes at once, alone;
 * those that come meanwhile wait for it and then go in one bulk call (up to {@code max}), and so on.
 * A batch listener handling many orders side by side so makes one MongoDB command of what would be
 * one per order, at the cost of at most one round trip of waiting, and none when idle.
 *
 * @param <T> a request
 * @param <R> its answer
 */
final class Coalescer<T, R> {

	private record Waiting<T, R>(T request, Sinks.One<R> answer) {

	}

	private final Function<List<T>, Mono<List<R>>> bulk;

	private final int max;

	private final Queue<Waiting<T, R>> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean sending = new AtomicBoolean();

	/**
	 * @param bulk sends requests as one; emits their answers in their order (or nothing: none for any), or
	 *     fails them all
	 * @param max the most requests sent as one
	 */
	Coalescer(Function<List<T>, Mono<List<R>>> bulk, int max) {
		this.bulk = bulk;
		this.max = max;
	}

	/** Sends a request, now or with those that come while one is under way; emits its answer. */
	Mono<R> submit(T request) {
		return Mono.defer(() -> {
			var answer = Sinks.<R>one();
			queue.add(new Waiting<>(request, answer));
			send();
			return answer.asMono();
		});
	}

	/** Sends what waits, unless a bulk call is under way: when it ends, it sends what came meanwhile. */
	private void send() {
		if (!sending.compareAndSet(false, true)) {
			return;
		}
		var batch = new ArrayList<Waiting<T, R>>();
		while (batch.size() < max) {
			var next = queue.poll();
			if (next == null) {
				break;
			}
			batch.add(next);
		}
		if (batch.isEmpty()) {
			sent();
			return;
		}
		Mono<List<R>> answers;
		try {
			answers = bulk.apply(batch.stream().map(Waiting::request).toList());
		}
		catch (RuntimeException ex) {
			answers = Mono.error(ex);
		}
		answers.subscribe(results -> {
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).answer().tryEmitValue(results.get(i));
			}
		}, failure -> {
			batch.forEach(waiting -> waiting.answer().tryEmitError(failure));
			sent();
		}, () -> {
			// no answers at all: none for any (an answer emitted already stays)
			batch.forEach(waiting -> waiting.answer().tryEmitEmpty());
			sent();
		});
	}

	/** A bulk call ended: what came meanwhile goes now (a request added while this one ran is not left behind). */
	private void sent() {
		sending.set(false);
		if (!queue.isEmpty()) {
			send();
		}
	}

}
