package dev.athanor.factory.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;

/** A job on the wire: the request's fields, where it stands, and what it has cost. */
@Serdeable
record JobResponse(String slug, String name, String description, String platform, String style, String backend,
                   String features, String status,
                   @JsonProperty("current_phase") String currentPhase,
                   @JsonProperty("cancel_requested") boolean cancelRequested,
                   @JsonProperty("cost_usd") BigDecimal costUsd,
                   String error,
                   @JsonProperty("created_at") Instant createdAt,
                   @JsonProperty("updated_at") Instant updatedAt,
                   @JsonProperty("finished_at") Instant finishedAt) {

    static JobResponse of(JobView v) {
        return new JobResponse(v.slug(), v.name(), v.description(), v.platform(), v.style(), v.backend(), v.features(),
                v.status(), v.currentPhase(), v.cancelRequested(), v.costUsd(), v.error(), v.createdAt(),
                v.updatedAt(), v.finishedAt());
    }
}
