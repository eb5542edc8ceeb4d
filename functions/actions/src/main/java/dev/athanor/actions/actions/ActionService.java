package dev.athanor.actions.actions;

import dev.athanor.actions.config.SurfaceModels;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.actions.ActionDraft;
import dev.athanor.model.actions.ActionStore;
import dev.athanor.model.actions.Interaction;
import dev.athanor.model.actions.InteractionStore;
import dev.athanor.model.actions.LlmAction;
import dev.athanor.model.actions.PromptTemplate;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * A team's actions: each bound to a content field and to one of the team's prompt templates, with its model and
 * sampling settings. A template id of another team is unknown here (404), as is any id the team does not have.
 */
@Singleton
public class ActionService {

    private final ActionStore store;
    private final InteractionStore interactions;
    private final SurfaceModels models;

    ActionService(ActionStore store, InteractionStore interactions, SurfaceModels models) {
        this.store = store;
        this.interactions = interactions;
        this.models = models;
    }

    public Page<ActionView> list(TeamId team, PageRequest page) {
        Map<Long, String> texts = new HashMap<>();
        return store.actions(team, page).map(action -> ActionView.of(action,
                texts.computeIfAbsent(action.promptTemplateId(), id -> templateText(team, id))));
    }

    public ActionView get(TeamId team, long id) {
        return view(team, find(team, id));
    }

    public LlmAction find(TeamId team, long id) {
        return store.findAction(team, id).orElseThrow(() -> new NotFoundException("Action " + id + " not found"));
    }

    /** @throws dev.athanor.model.error.InvalidInputException naming every offending field; nothing is stored then */
    public ActionView create(TeamId team, RequestFields fields) {
        return view(team, store.createAction(team, draft(team, fields, null)));
    }

    /** Changes the fields given; the others stay. */
    public ActionView update(TeamId team, long id, RequestFields fields) {
        LlmAction current = find(team, id);
        return view(team, store.updateAction(team, id, draft(team, fields, current)));
    }

    /** Removes the action and its history. */
    public void delete(TeamId team, long id) {
        if (!store.deleteAction(team, id)) {
            throw new NotFoundException("Action " + id + " not found");
        }
        interactions.deleteForAction(team, id);
    }

    /** An action and a page of its history. */
    public record History(ActionView action, Page<Interaction> rows) {
    }

    public History history(TeamId team, long id, PageRequest page) {
        ActionView action = get(team, id);
        return new History(action, interactions.forAction(team, id, page));
    }

    public PromptTemplate template(TeamId team, long templateId) {
        return store.findTemplate(team, templateId).orElseThrow(() ->
                new NotFoundException("Prompt template " + templateId + " not found"));
    }

    public ActionView view(TeamId team, LlmAction action) {
        return ActionView.of(action, templateText(team, action.promptTemplateId()));
    }

    /** The template's text; null when the template is gone (a wiped team's action read in between). */
    @Nullable
    private String templateText(TeamId team, long templateId) {
        return store.findTemplate(team, templateId).map(PromptTemplate::template).orElse(null);
    }

    private ActionDraft draft(TeamId team, RequestFields fields, @Nullable LlmAction current) {
        String fieldName = ActionInput.name(fields, "field_name", current == null ? null : current.fieldName());
        Long templateId = current == null ? null : current.promptTemplateId();
        if (fields.has("prompt_template_id")) {
            Integer given = fields.integer("prompt_template_id");
            if (given == null && fields.node("prompt_template_id") == null) {
                fields.error("prompt_template_id", "must be an integer");
            }
            templateId = given == null ? templateId : Long.valueOf(given);
        } else if (current == null) {
            fields.error("prompt_template_id", "is required");
        }
        String model = current == null ? null : current.llmModel();
        if (fields.has("llm_model")) {
            model = fields.string("llm_model");
            models.checkModel(team, model, "llm_model", fields);
        } else if (model == null) {
            model = models.defaultModel(team);
        }
        double temperature = ActionInput.temperature(fields, current == null ? null : current.temperature());
        int maxTokens = ActionInput.maxTokens(fields, models, model, current == null ? null : current.maxTokens());
        fields.check("action");
        template(team, templateId);
        return new ActionDraft(fieldName, templateId, model.strip(), temperature, maxTokens);
    }
}
