package dev.athanor.model.promptlab;

import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.core.annotation.Nullable;

/** Port: the team's append-only audit log of promotions, read newest first a page at a time. */
public interface PromotionAuditLog {

    void append(TeamId team, PromotionAudit line);

    /**
     * A page of the log, newest first; only one project's lines when {@code projectId} is given.
     *
     * @throws dev.athanor.model.error.InvalidInputException when the cursor is not one this log handed out
     */
    Page<PromotionAudit> list(TeamId team, @Nullable Long projectId, PageRequest page);
}
