package dev.athanor.model.actions;

import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;

import java.util.List;
import java.util.Optional;

/** Port: a team's prompt templates and the actions bound to them. Ids are handed out 1, 2, 3... per team and kind. */
public interface ActionStore extends TeamData {

    PromptTemplate createTemplate(TeamId team, TemplateDraft draft);

    Optional<PromptTemplate> findTemplate(TeamId team, long id);

    /**
     * Replaces the template's fields.
     *
     * @throws dev.athanor.model.error.NotFoundException when there is no such template
     * @throws dev.athanor.model.error.ConflictException when another request changed it at the same time
     */
    PromptTemplate updateTemplate(TeamId team, long id, TemplateDraft draft);

    /** The team's templates for a source field, by id (oldest first). */
    List<PromptTemplate> templatesFor(TeamId team, String sourceField);

    LlmAction createAction(TeamId team, ActionDraft draft);

    Optional<LlmAction> findAction(TeamId team, long id);

    /**
     * A page of the team's actions, by id.
     *
     * @throws dev.athanor.model.error.InvalidInputException when the cursor is not one this list handed out
     */
    Page<LlmAction> actions(TeamId team, PageRequest page);

    /**
     * Replaces the action's fields.
     *
     * @throws dev.athanor.model.error.NotFoundException when there is no such action
     * @throws dev.athanor.model.error.ConflictException when another request changed it at the same time
     */
    LlmAction updateAction(TeamId team, long id, ActionDraft draft);

    /** Removes the action; false when there was none. */
    boolean deleteAction(TeamId team, long id);
}
