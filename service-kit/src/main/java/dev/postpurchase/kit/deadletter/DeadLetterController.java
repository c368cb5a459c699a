package dev.postpurchase.kit.deadletter;

import java.util.stream.Stream;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.contracts.EventCatalog;
import dev.postpurchase.contracts.MessageType;
import dev.postpurchase.kit.web.Problems;
import reactor.core.publisher.Mono;

/** Operators replay a topic's dead letters (scope {@code admin}). */
@RestController
class DeadLetterController {

	private final DeadLetterReplay replay;

	DeadLetterController(DeadLetterReplay replay) {
		this.replay = replay;
	}

	@PostMapping("/api/v1/admin/dead-letters/{topic}/replay")
	Mono<DeadLetterReplay.Report> replay(@PathVariable String topic) {
		var known = Stream.concat(EventCatalog.events().stream(), EventCatalog.inbound().stream())
			.map(MessageType::topic)
			.anyMatch(topic::equals);
		if (!known) {
			return Mono.error(Problems.notFound("No topic " + topic + " in the event catalog"));
		}
		return replay.replay(topic);
	}

}
