package dev.athanor.model.projects;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A project initiative of a team in the software factory: what the dashboard shows about an app being built.
 *
 * @param slug          the project's key within its team, lower-case words joined by '-'
 * @param status        one of {@link ProjectRules#STATUSES}
 * @param monthlySpend  USD per month, never negative
 * @param buildProgress percent, 0 to 100
 */
public record Project(String slug, String name, String description, String status, String health, String icon,
                      String repository, BigDecimal monthlySpend, String sla, int buildProgress, List<String> features,
                      Instant createdAt, Instant updatedAt) {

    public Project {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        features = features == null ? List.of() : List.copyOf(features);
    }
}
