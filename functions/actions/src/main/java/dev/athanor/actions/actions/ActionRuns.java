package dev.athanor.actions.actions;

import dev.athanor.actions.calls.CallerLimits;
import dev.athanor.actions.calls.ModelCall;
import dev.athanor.actions.calls.ModelCalls;
import dev.athanor.actions.calls.PromptText;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.actions.Interaction;
import dev.athanor.model.actions.LlmAction;
import dev.athanor.model.actions.Post;
import dev.athanor.model.actions.PostStore;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.llm.ChatMessage;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running an action: its template filled with the input ({@code {{input}}}), the action's field ({@code {{field}}}),
 * the post it runs over ({@code {{post.title}}}, {@code {{post.body}}}) and the caller's variables, sent to the action's
 * model with its settings, and kept in the action's history. Without {@code input_text}, a run over a post takes the
 * post's field the action is for ({@code title} or {@code body}) as its input. Counts as an execution of the caller.
 */
@Singleton
public class ActionRuns {

    /** A run's outcome. */
    public record Run(ModelCalls.Answer answer, LlmAction action) {
    }

    private final ActionService actions;
    private final PostStore posts;
    private final ModelCalls calls;
    private final CallerLimits limits;

    ActionRuns(ActionService actions, PostStore posts, ModelCalls calls, CallerLimits limits) {
        this.actions = actions;
        this.posts = posts;
        this.calls = calls;
        this.limits = limits;
    }

    public Run run(TeamPrincipal caller, long actionId, RequestFields fields) {
        TeamId team = caller.team();
        LlmAction action = actions.find(team, actionId);
        String input = PromptText.text(fields, "input_text");
        Integer postId = fields.has("post_id") ? fields.integer("post_id") : null;
        Map<String, Object> variables = PromptText.variables(fields);
        fields.check("run");
        Post post = postId == null ? null : posts.find(team, postId).orElseThrow(() ->
                new NotFoundException("Post " + postId + " not found"));
        if (input == null) {
            input = postField(post, action.fieldName());
        }
        if (input == null) {
            fields.error("input_text", "is required (or give a post_id whose " + action.fieldName()
                    + " is the input)");
        }
        Map<String, Object> values = new LinkedHashMap<>(variables);
        values.put("input", input);
        values.put("field", action.fieldName());
        if (post != null) {
            values.put("post", Map.of("id", post.id(), "title", post.title(), "body", post.body()));
        }
        String template = actions.template(team, action.promptTemplateId()).template();
        String prompt = input == null ? "" : PromptText.render(template, values, "prompt_template", fields);
        fields.check("run");
        limits.admitExecution(caller);
        ModelCalls.Answer answer = calls.call(caller, new ModelCall(Interaction.ACTION, action.llmModel(),
                List.of(ChatMessage.user(prompt)), action.temperature(), action.maxTokens(), action.id(),
                post == null ? null : post.id(), input));
        return new Run(answer, action);
    }

    @Nullable
    private static String postField(@Nullable Post post, String field) {
        if (post == null) {
            return null;
        }
        return switch (field) {
            case "title" -> post.title();
            case "body", "content" -> post.body();
            default -> null;
        };
    }
}
