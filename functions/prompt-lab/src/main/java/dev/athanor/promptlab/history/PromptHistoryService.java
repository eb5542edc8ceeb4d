package dev.athanor.promptlab.history;

import dev.athanor.core.http.PathIds;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptHistoryStore;
import dev.athanor.model.promptlab.PromptHistoryStore.Kind;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptSettings;
import dev.athanor.promptlab.json.PromptFields;
import dev.athanor.promptlab.projects.PromptProjects;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Prompt history and backend-test history of a project: list (newest first), save a prompt (a history entry needs
 * a user prompt or messages), and set an entry's rating (1-5), notes and mark ({@code is_prod} for prompts,
 * {@code is_test} for backend tests). Every call first resolves the project in the caller's team.
 */
@Singleton
@Requires(beans = {PromptProjects.class, PromptHistoryStore.class})
public class PromptHistoryService {

    static final int MAX_TEXT = 200_000;

    private final PromptProjects projects;
    private final PromptHistoryStore history;
    private final Clock clock;

    PromptHistoryService(PromptProjects projects, PromptHistoryStore history, Clock clock) {
        this.projects = projects;
        this.history = history;
        this.clock = clock;
    }

    /** A page of the project's entries of that kind, newest first. */
    public Page<PromptHistoryEntry> list(TeamId team, String projectId, Kind kind, PageRequest page) {
        PromptProject project = projects.get(team, projectId);
        return history.list(team, kind, project.id(), page);
    }

    /** Saves a prompt the client tried (with the model's answer, if any) as the project's next history entry. */
    public PromptHistoryEntry add(TeamId team, String projectId, RequestFields fields) {
        PromptProject project = projects.get(team, projectId);
        PromptSettings prompt = PromptFields.read(fields);
        String response = fields.string("response");
        String thought = fields.string("thought");
        Integer rating = rating(fields);
        String notes = fields.string("notes");
        Boolean isProd = fields.bool("is_prod");
        boolean hasPrompt = (prompt.userPrompt() != null && !prompt.userPrompt().isBlank())
                || (prompt.messages() != null && !prompt.messages().isEmpty());
        if (fields.valid() && !hasPrompt) {
            fields.error("userPrompt", "is required (or messages)");
        }
        longText(fields, "response", response);
        longText(fields, "userPrompt", prompt.userPrompt());
        fields.check("history entry");
        PromptHistoryEntry entry = new PromptHistoryEntry(0, project.id(), prompt, response, thought, null, rating,
                notes, Boolean.TRUE.equals(isProd), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return history.add(team, Kind.PROMPT, entry);
    }

    /** Sets the rating, notes and mark given in {@code fields} ({@code markField} is is_prod or is_test). */
    public PromptHistoryEntry update(TeamId team, String projectId, String historyId, Kind kind,
                                     RequestFields fields) {
        PromptProject project = projects.get(team, projectId);
        Integer rating = rating(fields);
        String notes = fields.string("notes");
        longText(fields, "notes", notes);
        Boolean marked = fields.bool(kind == Kind.PROMPT ? "is_prod" : "is_test");
        fields.check(kind == Kind.PROMPT ? "history update" : "backend history update");
        // a malformed id is answered as an unknown one, so it is refused where an unknown one is: after the body
        long id = PathIds.number(historyId, PromptHistoryService::entryNotFound);
        if (rating == null && notes == null && marked == null) {
            return history.find(team, kind, project.id(), id).orElseThrow(PromptHistoryService::entryNotFound);
        }
        try {
            return history.update(team, kind, project.id(), id, rating, notes, marked);
        } catch (NotFoundException e) {
            throw entryNotFound();
        }
    }

    /**
     * The project's entry of that kind a path names.
     *
     * @throws NotFoundException "History entry not found" when there is none (or the id cannot be one)
     */
    public PromptHistoryEntry entry(TeamId team, PromptProject project, Kind kind, String historyId) {
        long id = PathIds.number(historyId, PromptHistoryService::entryNotFound);
        return history.find(team, kind, project.id(), id).orElseThrow(PromptHistoryService::entryNotFound);
    }

    /** Marks an entry ({@code is_prod} for a prompt, {@code is_test} for a backend test). */
    public void mark(TeamId team, Kind kind, long projectId, long historyId) {
        history.update(team, kind, projectId, historyId, null, null, true);
    }

    private static Integer rating(RequestFields fields) {
        Integer rating = fields.integer("rating");
        if (rating != null && (rating < 1 || rating > 5)) {
            fields.error("rating", "must be between 1 and 5");
        }
        return rating;
    }

    private static void longText(RequestFields fields, String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            fields.error(field, "must be at most " + MAX_TEXT + " characters");
        }
    }

    private static NotFoundException entryNotFound() {
        return new NotFoundException("History entry not found");
    }
}
