package dev.athanor.model.projects;

import java.math.BigDecimal;
import java.util.List;

/** The fields of a project as a client sent them; any may be missing (null) and none is checked yet. */
public record ProjectDraft(String slug, String name, String description, String status, String health, String icon,
                           String repository, BigDecimal monthlySpend, String sla, Integer buildProgress,
                           List<String> features) {
}
