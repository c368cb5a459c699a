package dev.postpurchase.kit.idempotency;

import java.util.List;
import java.util.Set;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DuplicateWritesTests {

	private static final int DUPLICATE_KEY = 11000;

	private static final int DOCUMENT_TOO_LARGE = 10334;

	@Test
	void eachWriteWentThroughWhenTheBulkWriteDid() {
		assertThat(DuplicateWrites.outcomes(Mono.just("done"), 3).block()).containsExactly(true, true, true);
	}

	@Test
	void theWritesThatCollidedAreTheOnesThatDidNotGoThrough() {
		var failure = new DuplicateKeyException("E11000", bulkFailure(error(1, DUPLICATE_KEY), error(3, DUPLICATE_KEY)));

		assertThat(DuplicateWrites.outcomes(Mono.error(failure), 4).block()).containsExactly(true, false, true, false);
	}

	@Test
	void aWriteThatFailedOtherwiseFailsTheWhole() {
		var failure = new DuplicateKeyException("E11000", bulkFailure(error(0, DUPLICATE_KEY), error(1, DOCUMENT_TOO_LARGE)));

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> DuplicateWrites.outcomes(Mono.error(failure), 2).block());
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> DuplicateWrites
			.outcomes(Mono.error(new DataIntegrityViolationException("too large")), 2).block());
	}

	private static MongoBulkWriteException bulkFailure(BulkWriteError... errors) {
		return new MongoBulkWriteException(BulkWriteResult.acknowledged(0, 0, 0, 0, List.of(), List.of()), List.of(errors),
				null, new ServerAddress(), Set.of());
	}

	private static BulkWriteError error(int index, int code) {
		return new BulkWriteError(code, "write " + index + " failed", new BsonDocument(), index);
	}

}
