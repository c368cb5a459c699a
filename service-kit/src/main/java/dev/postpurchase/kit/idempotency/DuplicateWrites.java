package dev.postpurchase.kit.idempotency;

import java.util.Set;
import java.util.TreeSet;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;

import org.springframework.dao.DuplicateKeyException;

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
	 * The indexes, in the bulk write, of the writes that collided; {@code null} when a write failed for
	 * another reason too (then the failure is not one to absorb). A failure of a single write (no bulk
	 * write) is its one collision, index 0.
	 */
	public static Set<Integer> indexes(DuplicateKeyException failure) {
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
