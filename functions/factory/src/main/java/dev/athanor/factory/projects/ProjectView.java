package dev.athanor.factory.projects;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.projects.Project;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A project as the API shows it: the seed's fields in its order, then the ISO-8601 UTC timestamps. */
@Serdeable
record ProjectView(String name,
                   String description,
                   String slug,
                   String status,
                   String health,
                   String icon,
                   String repository,
                   @JsonProperty("monthly_spend") BigDecimal monthlySpend,
                   String sla,
                   @JsonProperty("build_progress") int buildProgress,
                   List<String> features,
                   @JsonProperty("created_at") String createdAt,
                   @JsonProperty("updated_at") String updatedAt) {

    static ProjectView of(Project project) {
        return new ProjectView(project.name(), project.description(), project.slug(), project.status(),
                project.health(), project.icon(), project.repository(), project.monthlySpend(), project.sla(),
                project.buildProgress(), project.features(), text(project.createdAt()), text(project.updatedAt()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
