package dev.athanor.factory.observability;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.activity.ActivityEntry;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/** An activity log entry on the wire; every field is present, null when the entry has no value for it. */
@Serdeable
public record ActivityView(String id,
                           String timestamp,
                           String action,
                           String agent,
                           @JsonProperty("job_slug") String jobSlug,
                           String status,
                           String detail,
                           @JsonProperty("cost_usd") BigDecimal costUsd,
                           @JsonProperty("duration_ms") Long durationMs) {

    static ActivityView of(ActivityEntry entry) {
        return new ActivityView(entry.id(), entry.at().toString(), entry.action(), entry.agent(), entry.job(),
                entry.status(), entry.detail(), entry.costUsd() == null ? null : Money.of(entry.costUsd()),
                entry.durationMs());
    }
}
