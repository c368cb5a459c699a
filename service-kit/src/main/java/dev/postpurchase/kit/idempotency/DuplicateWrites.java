package dev.postpurchase.kit.idempotency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;

import org.springframework.dao.DuplicateKeyException;

import reactor.core.publisher.Mono;

/**
 * Which writes of a bulk write collided with a document that exists (an insert claiming an id taken
 * already, an upsert of an event applied already): what idempotent writers absorb. Spring Data reports
 * a bulk write with any such collision as a {@link DuplicateKeyException} whose cause lists every
 * write that failed, for whatever reason.
 */
public final class DuplicateWrites {

	private DuplicateWrites() {
	}

	/**
	 * Runs a bulk write of {@code writes} writes; emits for each whether it went through ({@code false}:
	 * it collided with a document that exists). Fails as the bulk write does for any other failure.
	 */
	public static Mono<List<Boolean>> outcomes(Mono<?> bulkWrite, int writes) {
		return bulkWrite.<List<Boolean>>map(written -> Collections.nCopies(writes, true))
			.onErrorResume(DuplicateKeyException.class, collided -> {
				var existing = indexes(collided);
				if (existing == null) {
					return Mono.error(collided);
				}
				var outcomes = new ArrayList<Boolean>(writes);
				for (int i = 0; i < writes; i++) {
					outcomes.add(!existing.contains(i));
				}
				return Mono.just(outcomes);
			});
	}

	/**
	 * The indexes, in the bulk write, of the writes that collided; {@code null} when a write failed for
	 * another reason too (then the failure is not one to absorb). A failure of a single write (no bulk
	 * write) is its one collision, index 0.
	 */
	static Set<Integer> indexes(DuplicateKeyException failure) {
		if (!(failure.getCause() instanceof MongoBulkWriteException bulk)) {
			return Set.of(0);
		}
		var indexes = new TreeSet<Integer>();
		for (var error : bulk.getWriteErrors()) {
			if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
				return null;
			}
			indexes.add(error.getIndex());
		}
		return indexes;
	}

}
