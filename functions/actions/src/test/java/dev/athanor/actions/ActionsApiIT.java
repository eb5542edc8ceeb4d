package dev.athanor.actions;

import dev.athanor.actions.ActionsTesting.Caller;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

import static dev.athanor.actions.ActionsTesting.action;
import static dev.athanor.actions.ActionsTesting.assertError;
import static dev.athanor.actions.ActionsTesting.details;
import static dev.athanor.actions.ActionsTesting.newCaller;
import static dev.athanor.actions.ActionsTesting.stored;
import static dev.athanor.actions.ActionsTesting.template;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Templates, actions, runs and their history through the actions surface's Lambda handler, on the sandbox model. */
@ExtendWith(LocalStackExtension.class)
class ActionsApiIT {

    private static final List<String> ACTION_FIELDS = List.of("id", "field_name", "prompt_template_id",
            "prompt_template", "llm_model", "temperature", "max_tokens", "created_at", "updated_at");
    private static final List<String> HISTORY_FIELDS = List.of("id", "action_id", "post_id", "input_text",
            "output_text", "status", "error_message", "created_at", "kind", "model", "parameters", "duration",
            "prompt_tokens", "completion_tokens");

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("ActionsFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static LambdaHttp.Response send(Caller caller, String method, String path, String body) {
        return ActionsTesting.send(http, caller, method, path, body);
    }

    @Test
    void template_settings_are_saved_with_and_without_the_trailing_slash_and_listed_per_source_field() {
        Caller caller = newCaller(http);

        var first = send(caller, "POST", "/actions/", """
                {"source_field": "title", "template": "Write a title about {{input}}", "llm_model": "sandbox",
                 "temperature": 0.4, "max_tokens": 200}""");
        var named = send(caller, "POST", "/actions", """
                {"source_field": "title", "template": "Punchy: {{input}}", "llm_model": "sandbox",
                 "temperature": 0.9, "max_tokens": 50, "template_name": "punchy"}""");
        var changed = send(caller, "POST", "/actions/", """
                {"source_field": "title", "template": "Write a short title about {{input}}", "llm_model": "sandbox",
                 "temperature": 0.3, "max_tokens": 100}""");
        var listed = send(caller, "GET", "/actions/title", null);
        var otherField = send(caller, "GET", "/actions/meta_description", null);

        assertEquals(200, first.status(), first.body());
        assertEquals("success", first.get("status"));
        assertEquals("Template settings saved successfully", first.get("message"));
        assertEquals(Map.of("template_id", "1", "template_name", "title", "source_field", "title",
                "template", "Write a title about {{input}}", "llm_model", "sandbox", "temperature", 0.4,
                "max_tokens", 200), first.get("data"));
        assertEquals("2", ((Map<?, ?>) named.get("data")).get("template_id"));
        assertEquals("punchy", ((Map<?, ?>) named.get("data")).get("template_name"));
        assertEquals("1", ((Map<?, ?>) changed.get("data")).get("template_id"), "no name: the field's first changes");
        assertEquals(200, listed.status(), listed.body());
        assertEquals("success", listed.get("status"));
        Map<?, ?> data = (Map<?, ?>) listed.get("data");
        List<?> templates = (List<?>) data.get("templates");
        assertEquals(List.of("1", "2"), templates.stream().map(t -> ((Map<?, ?>) t).get("template_id")).toList());
        assertEquals("Write a short title about {{input}}", ((Map<?, ?>) templates.get(0)).get("template"));
        assertEquals(100, ((Map<?, ?>) templates.get(0)).get("max_tokens"));
        assertTrue(((List<?>) data.get("models")).contains("sandbox"), listed.body());
        assertEquals(List.of(), ((Map<?, ?>) otherField.get("data")).get("templates"));
        var item = stored("ATHANOR_DYNAMODB_TABLES_ACTIONS", caller.team(), "template#0000000000000000002");
        assertEquals("Punchy: {{input}}", item.get("template").s());
    }

    @Test
    void an_action_is_created_with_defaults_read_listed_updated_and_deleted_with_the_document_envelopes() {
        Caller caller = newCaller(http);
        long templateId = template(http, caller, "title", "Write a title about {{input}}");
        long other = template(http, caller, "subtitle", "unused");

        var created = send(caller, "POST", "/actions", """
                {"field_name": "title", "prompt_template_id": %d, "llm_model": "sandbox"}""".formatted(templateId));
        var read = send(caller, "GET", "/actions/1", null);
        var listed = send(caller, "GET", "/actions", null);
        var updated = send(caller, "PUT", "/actions/1", """
                {"temperature": 1.2, "prompt_template_id": %d}""".formatted(other));
        var deleted = send(caller, "DELETE", "/actions/1", null);
        var gone = send(caller, "GET", "/actions/1", null);

        assertEquals(201, created.status(), created.body());
        assertEquals("success", created.get("status"));
        Map<?, ?> action = (Map<?, ?>) created.get("action");
        assertEquals(ACTION_FIELDS, List.copyOf(action.keySet()));
        assertEquals(1, action.get("id"));
        assertEquals("title", action.get("field_name"));
        assertEquals("Write a title about {{input}}", action.get("prompt_template"));
        assertEquals(0.7, action.get("temperature"));
        assertEquals(1000, action.get("max_tokens"));
        assertEquals(action, read.map());
        assertEquals(List.of(action), listed.list());
        assertEquals(200, updated.status(), updated.body());
        Map<?, ?> changed = (Map<?, ?>) updated.get("action");
        assertEquals(1.2, changed.get("temperature"));
        assertEquals("unused", changed.get("prompt_template"));
        assertEquals("title", changed.get("field_name"), "fields not given stay");
        assertEquals(1000, changed.get("max_tokens"));
        assertEquals(action.get("created_at"), changed.get("created_at"));
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(Map.of("status", "success"), deleted.map());
        assertError(gone, 404, "not_found");
        assertTrue(stored("ATHANOR_DYNAMODB_TABLES_ACTIONS", caller.team(), "action#0000000000000000001").isEmpty());
    }

    @Test
    void a_run_renders_the_template_calls_the_model_and_is_kept_in_the_history_newest_first() {
        Caller caller = newCaller(http);
        long templateId = template(http, caller, "title", "Write a {{tone}} {{field}} about {{input}}");
        long actionId = action(http, caller, "title", templateId);

        var first = send(caller, "POST", "/actions/" + actionId + "/run",
                "{\"input_text\": \"Highland castles\", \"variables\": {\"tone\": \"bold\"}}");
        var second = send(caller, "POST", "/actions/" + actionId + "/run",
                "{\"input_text\": \"Island distilleries\", \"variables\": {\"tone\": \"calm\"}}");
        var history = send(caller, "GET", "/actions/" + actionId + "/history", null);

        assertEquals(200, first.status(), first.body());
        assertEquals("success", first.get("status"));
        String result = (String) first.get("result");
        assertTrue(result.startsWith("[sandbox] "), result);
        assertTrue(result.endsWith(": Write a bold title about Highland castles"), result);
        assertEquals("sandbox", first.get("model"));
        assertTrue(((Number) first.get("duration")).doubleValue() >= 0);
        assertEquals(200, history.status(), history.body());
        assertEquals(((Map<?, ?>) send(caller, "GET", "/actions/" + actionId, null).map()), history.get("action"));
        List<?> rows = (List<?>) history.get("history");
        assertEquals(2, rows.size());
        Map<?, ?> newest = (Map<?, ?>) rows.get(0);
        assertEquals(HISTORY_FIELDS, List.copyOf(newest.keySet()));
        assertEquals("Island distilleries", newest.get("input_text"));
        assertEquals(second.get("result"), newest.get("output_text"));
        assertEquals("success", newest.get("status"));
        assertNull(newest.get("error_message"));
        assertNull(newest.get("post_id"));
        assertEquals((int) actionId, newest.get("action_id"));
        assertEquals("action", newest.get("kind"));
        assertEquals("sandbox", newest.get("model"));
        assertEquals(Map.of("temperature", 0.7, "max_tokens", 1000), newest.get("parameters"));
        assertTrue(((Number) newest.get("completion_tokens")).intValue() > 0);
        assertEquals(first.get("history"), rows.get(1));
        assertNotNull(((Map<?, ?>) rows.get(1)).get("created_at"));
    }

    @Test
    void a_run_over_a_post_takes_the_post_field_as_its_input_and_records_the_post() {
        Caller caller = newCaller(http);
        long actionId = action(http, caller, "title", template(http, caller, "title",
                "Improve: {{input}} (post {{post.id}})"));
        var post = send(caller, "POST", "/posts", "{\"title\": \"Old castles\", \"body\": \"Stones.\"}");
        Number postId = (Number) post.get("id");

        var run = send(caller, "POST", "/actions/" + actionId + "/run", "{\"post_id\": " + postId + "}");

        assertEquals(200, run.status(), run.body());
        assertTrue(((String) run.get("result")).endsWith(": Improve: Old castles (post " + postId + ")"),
                run.body());
        Map<?, ?> kept = (Map<?, ?>) run.get("history");
        assertEquals(postId.intValue(), kept.get("post_id"));
        assertEquals("Old castles", kept.get("input_text"));
    }

    @Test
    void bad_input_is_400_naming_every_field_and_nothing_is_stored() {
        Caller caller = newCaller(http);
        long templateId = template(http, caller, "title", "T {{input}}");

        var wrong = send(caller, "POST", "/actions", """
                {"field_name": "", "prompt_template_id": %d, "llm_model": "gpt-nobody", "temperature": 2.5,
                 "max_tokens": 0}""".formatted(templateId));
        var types = send(caller, "POST", "/actions", """
                {"field_name": 5, "prompt_template_id": "one", "temperature": "hot", "max_tokens": 1.5}""");
        var missing = send(caller, "POST", "/actions", "{\"field_name\": \"title\"}");
        var tooMany = send(caller, "POST", "/actions", """
                {"field_name": "title", "prompt_template_id": %d, "llm_model": "sandbox", "max_tokens": 100000000}"""
                .formatted(templateId));
        var malformed = http.send(request("POST", "/api/v1/llm/actions").bearer(caller.bearer())
                .json("{\"field_name\": "));
        var emptyTemplate = send(caller, "POST", "/actions/", "{\"source_field\": \"title\", \"template\": \" \"}");
        var both = send(caller, "POST", "/actions", "{\"field_name\": \"t\", \"source_field\": \"t\"}");
        var oversize = send(caller, "POST", "/actions/", "{\"source_field\": \"title\", \"template\": \""
                + "x".repeat(1_100_000) + "\"}");

        assertEquals(java.util.Set.of("field_name", "llm_model", "temperature", "max_tokens"), details(wrong).keySet());
        assertTrue(details(wrong).get("llm_model").toString().contains("sandbox"), "names the models available");
        assertEquals(java.util.Set.of("field_name", "prompt_template_id", "temperature", "max_tokens"),
                details(types).keySet());
        assertEquals(java.util.Set.of("prompt_template_id"), details(missing).keySet());
        assertTrue(details(tooMany).containsKey("max_tokens"));
        assertError(malformed, 400, "validation");
        assertEquals(java.util.Set.of("template"), details(emptyTemplate).keySet());
        assertError(both, 400, "validation");
        assertError(oversize, 413, "payload_too_large");
        assertEquals(List.of(), send(caller, "GET", "/actions", null).list());
        Map<String, AttributeValue> counter = stored("ATHANOR_DYNAMODB_TABLES_ACTIONS", caller.team(),
                "counter#actions");
        assertTrue(counter.isEmpty(), "no id was even handed out");
    }

    @Test
    void unknown_ids_and_another_teams_template_are_404_in_the_document_shape() {
        Caller owner = newCaller(http);
        Caller stranger = newCaller(http);
        long templateId = template(http, owner, "title", "T {{input}}");
        long actionId = action(http, owner, "title", templateId);

        assertError(send(stranger, "POST", "/actions", """
                {"field_name": "title", "prompt_template_id": %d}""".formatted(templateId)), 404, "not_found");
        assertError(send(stranger, "GET", "/actions/" + actionId, null), 404, "not_found");
        assertError(send(stranger, "PUT", "/actions/" + actionId, "{\"temperature\": 1}"), 404, "not_found");
        assertError(send(stranger, "DELETE", "/actions/" + actionId, null), 404, "not_found");
        assertError(send(stranger, "GET", "/actions/" + actionId + "/history", null), 404, "not_found");
        assertError(send(stranger, "POST", "/actions/" + actionId + "/run", "{\"input_text\": \"x\"}"), 404,
                "not_found");
        assertError(send(owner, "PUT", "/actions/99", "{\"temperature\": 1}"), 404, "not_found");
        assertError(send(owner, "PUT", "/actions/-1", "{\"temperature\": 1}"), 404, "not_found");
        assertError(send(owner, "GET", "/actions/99999999999999999999", null), 404, "not_found");
        assertError(send(owner, "PUT", "/actions/" + actionId, "{\"prompt_template_id\": 77}"), 404, "not_found");
        assertEquals(List.of(), send(stranger, "GET", "/actions", null).list());
        assertEquals(List.of(), ((Map<?, ?>) send(stranger, "GET", "/actions/title", null).get("data"))
                .get("templates"));
    }

    @Test
    void a_run_with_missing_variables_or_an_empty_prompt_is_400_and_calls_nothing() {
        Caller caller = newCaller(http);
        long actionId = action(http, caller, "title", template(http, caller, "title", "{{input}} in {{place}}"));

        var missing = send(caller, "POST", "/actions/" + actionId + "/run", "{\"input_text\": \"Castles\"}");
        var noInput = send(caller, "POST", "/actions/" + actionId + "/run", "{}");
        long bare = action(http, caller, "body", template(http, caller, "body", "{{input}}"));
        var blank = send(caller, "POST", "/actions/" + bare + "/run", "{\"input_text\": \" \"}");

        assertTrue(details(missing).get("prompt_template").toString().contains("place"), missing.body());
        assertTrue(details(noInput).containsKey("input_text"), noInput.body());
        assertTrue(details(blank).containsKey("prompt_template"), blank.body());
        var history = send(caller, "GET", "/actions/" + actionId + "/history", null);
        assertEquals(List.of(), history.get("history"));
    }

    @Test
    void the_test_answers_result_model_and_duration_and_refuses_an_empty_prompt_or_settings_out_of_range() {
        Caller caller = newCaller(http);

        var tested = send(caller, "POST", "/test", """
                {"prompt": "Describe {{input}}", "model_name": "sandbox", "temperature": 0, "max_tokens": 50,
                 "input": "a glen"}""");
        var empty = send(caller, "POST", "/test", "{\"prompt\": \"\"}");
        var missing = send(caller, "POST", "/test", "{\"input\": \"x\"}");
        var ranges = send(caller, "POST", "/test", """
                {"prompt": "p", "temperature": -0.1, "max_tokens": 0, "model_name": "nobody"}""");

        assertEquals(200, tested.status(), tested.body());
        assertTrue(((String) tested.get("result")).endsWith(": Describe a glen"), tested.body());
        assertEquals("sandbox", tested.get("model"));
        assertTrue(tested.get("duration") instanceof Number);
        assertEquals(java.util.Set.of("prompt"), details(empty).keySet());
        assertEquals(java.util.Set.of("prompt"), details(missing).keySet());
        assertEquals(java.util.Set.of("temperature", "max_tokens", "model_name"), details(ranges).keySet());
        var kept = send(caller, "GET", "/interactions", null).list();
        assertEquals(1, kept.size(), "only the test that ran is kept");
        assertEquals("Describe a glen", ((String) kept.get(0).get("output_text")).split(": ", 2)[1]);
        assertEquals("a glen", kept.get(0).get("input_text"));
    }
}
