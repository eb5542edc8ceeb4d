package dev.athanor.orchestrator.health;

import dev.athanor.core.health.Readiness;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/health} and {@code GET /api/orchestration/health}. The orchestrator keeps its state in DynamoDB and
 * sends work through SQS: {@code database} and {@code dynamodb} say whether its tables answer, {@code sqs} whether its
 * work queue does, and the document's {@code redis} is {@code not_used}. 503 when either is down.
 */
@Controller("/api")
@Secured(SecurityRule.IS_ANONYMOUS)
public class OrchestratorHealthController {

    static final String CONNECTED = "connected";
    static final String DISCONNECTED = "disconnected";
    static final String NOT_CONFIGURED = "not_configured";

    private final Readiness readiness;
    private final WorkQueueProbe queue;
    private final Clock clock;

    OrchestratorHealthController(Readiness readiness, WorkQueueProbe queue, Clock clock) {
        this.readiness = readiness;
        this.queue = queue;
        this.clock = clock;
    }

    @Get("/health")
    @Tag(name = "Health & System")
    @Operation(summary = "System health: DynamoDB tables and the SQS work queue")
    HttpResponse<SystemHealth> health() {
        Optional<String> tables = readiness.problem();
        Optional<String> work = queue.problem();
        String dynamodb = !readiness.hasDatabase() ? NOT_CONFIGURED : tables.isEmpty() ? CONNECTED : DISCONNECTED;
        String sqs = !queue.configured() ? NOT_CONFIGURED : work.isEmpty() ? CONNECTED : DISCONNECTED;
        List<String> problems = new ArrayList<>();
        tables.ifPresent(problems::add);
        work.ifPresent(problems::add);
        boolean healthy = problems.isEmpty();
        SystemHealth body = new SystemHealth(healthy ? "healthy" : "unhealthy", dynamodb, "not_used", dynamodb, sqs,
                clock.instant().toString(), healthy ? null : String.join("; ", problems));
        return HttpResponse.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    @Get("/orchestration/health")
    @Tag(name = "Orchestration")
    @Operation(summary = "Orchestrator health")
    Map<String, Object> orchestrationHealth() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "healthy");
        body.put("orchestrator", "initialized");
        body.put("timestamp", clock.instant().toString());
        return body;
    }

    /**
     * @param database the document's field: the state store, which is DynamoDB here (the same as {@code dynamodb})
     * @param error    what is down, null when healthy
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record SystemHealth(String status, String database, String redis, String dynamodb, String sqs, String timestamp,
                        @Nullable String error) {
    }
}
