package dev.athanor.factory.system;

import dev.athanor.core.health.Readiness;
import dev.athanor.core.health.ServiceInfo;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Liveness, readiness, API root and system status of the factory. */
@Controller
public class FactorySystemController {

    static final String QUEUE_BACKEND = "sqs";

    private final Readiness readiness;
    private final ServiceInfo info;
    private final String artifactsBucket;

    FactorySystemController(Readiness readiness, ServiceInfo info,
                            @Nullable @Value("${athanor.artifacts.bucket:}") String artifactsBucket) {
        this.readiness = readiness;
        this.info = info;
        this.artifactsBucket = artifactsBucket;
    }

    @Get("/health")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Tag(name = "System")
    @Operation(summary = "Liveness")
    Map<String, Object> health() {
        return Map.of("status", "ok", "queue_backend", QUEUE_BACKEND);
    }

    /** 200 only when DynamoDB answers for every table the factory uses. */
    @Get("/ready")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Tag(name = "System")
    @Operation(summary = "Readiness: 200 only when every table the factory uses answers")
    HttpResponse<Map<String, Object>> ready() {
        Optional<String> problem = readiness.problem();
        if (problem.isPresent()) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("status", "not_ready", "error", problem.get()));
        }
        return HttpResponse.ok(Map.of("status", "ready"));
    }

    @Get("/api")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Tag(name = "System")
    @Operation(summary = "API root: service, version and docs link")
    Map<String, Object> root() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "online");
        body.put("service", "Athanor Software Factory API");
        body.put("version", info.version());
        body.put("docs_url", "/docs");
        return body;
    }

    @Get("/api/system/status")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Tag(name = "System Settings")
    @Operation(summary = "System status: version, queue and storage")
    Map<String, Object> status() {
        Optional<String> problem = readiness.problem();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problem.isEmpty() ? "ok" : "degraded");
        body.put("version", info.version());
        body.put("queue_backend", QUEUE_BACKEND);
        body.put("db_path", "dynamodb:" + String.join(",", readiness.tables().values()));
        body.put("db_exists", problem.isEmpty());
        body.put("generated_apps_dir", artifactsBucket == null || artifactsBucket.isBlank() ? null : "s3://" + artifactsBucket + "/");
        problem.ifPresent(p -> body.put("error", p));
        return body;
    }
}
