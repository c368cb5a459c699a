package dev.postpurchase.metrics.kpi.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.metrics.kpi.KpiRebuild;
import dev.postpurchase.metrics.kpi.KpiRebuild.RebuildStatus;
import reactor.core.publisher.Mono;

/**
 * Rebuilding the KPIs from the topics' beginning (scope {@code admin}): {@code POST} starts it (202,
 * 409 while one runs; {@code ?acceptTruncated=true} to go on when Kafka no longer keeps a topic's
 * whole history), {@code GET} shows its progress or the last one's result. The KPIs are served
 * from the old facts until the new ones are complete.
 */
@RestController
class RebuildController {

	static final String PATH = "/api/v1/admin/kpis/rebuild";

	private final KpiRebuild rebuild;

	RebuildController(KpiRebuild rebuild) {
		this.rebuild = rebuild;
	}

	@PostMapping(PATH)
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<RebuildStatus> start(@RequestParam(defaultValue = "false") boolean acceptTruncated) {
		return rebuild.start(acceptTruncated);
	}

	@GetMapping(PATH)
	Mono<RebuildStatus> status() {
		return rebuild.status();
	}

}
