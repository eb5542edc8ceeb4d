package dev.athanor.factory.projects;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.projects.ProjectDraft;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.List;

/** Body of {@code POST /api/projects} and {@code PUT /api/projects/{slug}}: snake_case as the seed, or camelCase. */
@Serdeable
record ProjectRequest(@Nullable String slug,
                      @Nullable String name,
                      @Nullable String description,
                      @Nullable String status,
                      @Nullable String health,
                      @Nullable String icon,
                      @Nullable String repository,
                      @Nullable @JsonProperty("monthly_spend") @JsonAlias("monthlySpend") BigDecimal monthlySpend,
                      @Nullable String sla,
                      @Nullable @JsonProperty("build_progress") @JsonAlias("buildProgress") Integer buildProgress,
                      @Nullable List<String> features) {

    static ProjectDraft draft(@Nullable ProjectRequest request) {
        ProjectRequest r = request == null
                ? new ProjectRequest(null, null, null, null, null, null, null, null, null, null, null) : request;
        return new ProjectDraft(r.slug, r.name, r.description, r.status, r.health, r.icon, r.repository,
                r.monthlySpend, r.sla, r.buildProgress, r.features);
    }
}
