package dev.athanor.actions.actions;

import dev.athanor.actions.config.SurfaceModels;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.actions.ActionStore;
import dev.athanor.model.actions.PromptTemplate;
import dev.athanor.model.actions.TemplateDraft;
import dev.athanor.model.error.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Template management: the templates of a content field (a source field), and saving one. A save names the template
 * it changes by {@code template_id}, or by {@code template_name} within the field (a new name creates a template);
 * with neither, it changes the field's first template, created (named after the field) when the field has none.
 */
@Singleton
public class TemplateSettings {

    /** The templates of a field and the models they may use. */
    @io.micronaut.serde.annotation.Serdeable
    public record FieldTemplates(List<TemplateView> templates, List<String> models) {
    }

    private final ActionStore store;
    private final SurfaceModels models;

    TemplateSettings(ActionStore store, SurfaceModels models) {
        this.store = store;
        this.models = models;
    }

    public FieldTemplates forField(TeamId team, String sourceField) {
        return new FieldTemplates(store.templatesFor(team, sourceField).stream().map(TemplateView::of).toList(),
                models.available(team));
    }

    /** @throws dev.athanor.model.error.InvalidInputException naming every offending field; nothing is stored then */
    public TemplateView save(TeamId team, RequestFields fields) {
        PromptTemplate current = null;
        if (fields.has("template_id")) {
            current = byId(team, fields);
        }
        String sourceField = ActionInput.name(fields, "source_field", current == null ? null : current.sourceField());
        String name = fields.has("template_name") ? ActionInput.name(fields, "template_name", null) : null;
        if (current == null && sourceField != null && fields.valid()) {
            current = existing(team, sourceField, name);
        }
        String text = ActionInput.template(fields, "template", current == null ? null : current.template());
        String model = current == null ? null : current.llmModel();
        if (fields.has("llm_model")) {
            model = fields.string("llm_model");
            models.checkModel(team, model, "llm_model", fields);
        } else if (model == null) {
            model = models.defaultModel(team);
        }
        double temperature = ActionInput.temperature(fields, current == null ? null : current.temperature());
        int maxTokens = ActionInput.maxTokens(fields, models, model, current == null ? null : current.maxTokens());
        fields.check("template settings");
        String templateName = name != null ? name : current != null ? current.name() : sourceField;
        TemplateDraft draft = new TemplateDraft(templateName, sourceField, text, model.strip(), temperature, maxTokens);
        return TemplateView.of(current == null ? store.createTemplate(team, draft)
                : store.updateTemplate(team, current.id(), draft));
    }

    @Nullable
    private PromptTemplate byId(TeamId team, RequestFields fields) {
        Long id = idField(fields);
        if (id == null) {
            return null;
        }
        return store.findTemplate(team, id).orElseThrow(() -> new NotFoundException("Prompt template " + id
                + " not found"));
    }

    /** {@code template_id} as a number, given as one or as a string of digits (the document shows it as a string). */
    @Nullable
    private static Long idField(RequestFields fields) {
        var node = fields.node("template_id");
        if (node != null && node.isString() && node.getStringValue().matches("[0-9]{1,18}")) {
            return Long.parseLong(node.getStringValue());
        }
        if (node != null && node.isNumber()) {
            Integer id = fields.integer("template_id");
            return id == null ? null : id.longValue();
        }
        fields.error("template_id", "must be a template id (an integer)");
        return null;
    }

    /** The template a save without an id changes: the one named so in the field, or the field's first; or none. */
    @Nullable
    private PromptTemplate existing(TeamId team, String sourceField, @Nullable String name) {
        List<PromptTemplate> ofField = store.templatesFor(team, sourceField);
        if (name != null) {
            return ofField.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
        }
        return ofField.isEmpty() ? null : ofField.get(0);
    }
}
