package dev.athanor.actions.llmtest;

import dev.athanor.actions.calls.ModelCalls;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.RequestFields;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The Test button of the actions UI. */
@Controller("/api/v1/llm/test")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "LLM Testing")
public class TestController {

    private final LlmTest test;
    private final JsonMapper json;

    TestController(LlmTest test, JsonMapper json) {
        this.test = test;
        this.json = json;
    }

    @Post
    @Operation(summary = "Try a prompt on a model: the answer, the model and the time it took in seconds")
    TestResult run(Authentication authentication, HttpRequest<?> request) {
        ModelCalls.Answer answer = test.run(TeamPrincipal.of(authentication), RequestFields.read(json, request));
        return new TestResult(answer.text(), answer.interaction().model(), answer.interaction().durationSeconds(),
                answer.interaction().id());
    }

    /** The document's fields, and the id the test is kept under among the team's interactions. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record TestResult(String result, String model, double duration, long interactionId) {
    }
}
