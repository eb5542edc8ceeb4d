package dev.athanor.promptlab;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Projects through the prompt lab's Lambda handler: CRUD, ids, names, validation, team isolation, stored items. */
@ExtendWith(LocalStackExtension.class)
class PromptLabProjectsIT {

    static final String CAMEL_BODY = """
            {"name": "document-summarizer", "providerId": "llama-3.1-8b-instruct",
             "llamastackUrl": "http://llama-stack-server.example.com", "gitRepoUrl": "https://github.com/o/r",
             "testBackendUrl": "http://localhost:8000", "description": "Summaries"}""";

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("PromptLabFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    static String token(LambdaHttp http, String team) {
        return http.context().getBean(TokenIssuer.class).issue(TeamId.of(team), Roles.MEMBER).token();
    }

    private static String newTeam() {
        return "pl-" + UUID.randomUUID();
    }

    static Map<String, AttributeValue> stored(String tableVariable, String team, String id) {
        String table = LocalStackExtension.stack().functionEnvironment("PromptLabFunction").get(tableVariable);
        return LocalStackExtension.stack().dynamo().getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("team_id", AttributeValue.fromS(team), "id", AttributeValue.fromS(id)))).item();
    }

    private static LambdaHttp.Response create(String bearer, String body) {
        return http.send(request("POST", "/api/projects").bearer(bearer).json(body));
    }

    @Test
    void post_accepts_camel_case_answers_snake_case_with_201_and_stores_the_project() {
        String team = newTeam();
        var created = create(token(http, team), CAMEL_BODY);

        assertEquals(201, created.status(), created.body());
        Map<String, Object> body = created.map();
        assertEquals(List.of("id", "name", "provider_id", "llamastack_url", "git_repo_url", "test_backend_url",
                "description", "created_at", "updated_at"), List.copyOf(body.keySet()));
        assertEquals(1, body.get("id"));
        assertEquals("llama-3.1-8b-instruct", body.get("provider_id"));
        assertEquals("http://llama-stack-server.example.com", body.get("llamastack_url"));
        assertEquals("https://github.com/o/r", body.get("git_repo_url"));
        assertEquals("http://localhost:8000", body.get("test_backend_url"));
        assertEquals(body.get("created_at"), body.get("updated_at"));
        Map<String, AttributeValue> item = stored("ATHANOR_DYNAMODB_TABLES_PROMPT_PROJECTS", team,
                "project#0000000000000000001");
        assertEquals("document-summarizer", item.get("name").s());
        assertEquals("1", item.get("project_id").n());
    }

    @Test
    void ids_count_up_per_team_and_get_lists_and_reads_them() {
        String bearer = token(http, newTeam());
        create(bearer, "{\"name\": \"a\", \"provider_id\": \"m1\"}");
        var second = create(bearer, "{\"name\": \"b\", \"provider_id\": \"m2\", \"llamastack_url\": null}");
        assertEquals(2, second.get("id"));
        assertNull(second.get("llamastack_url"));
        assertTrue(second.map().containsKey("description"), "nulls are shown");

        var listed = http.send(request("GET", "/api/projects").bearer(bearer));
        assertEquals(200, listed.status(), listed.body());
        assertEquals(List.of("a", "b"), listed.list().stream().map(p -> p.get("name")).toList());
        var one = http.send(request("GET", "/api/projects/2").bearer(bearer));
        assertEquals(200, one.status(), one.body());
        assertEquals("m2", one.get("provider_id"));
    }

    @Test
    void put_changes_only_the_fields_given_and_keeps_created_at() {
        String team = newTeam();
        String bearer = token(http, team);
        var created = create(bearer, CAMEL_BODY);

        var updated = http.send(request("PUT", "/api/projects/1").bearer(bearer)
                .json("{\"description\": \"New\", \"test_backend_url\": null, \"providerId\": \"m9\"}"));

        assertEquals(200, updated.status(), updated.body());
        assertEquals("New", updated.get("description"));
        assertEquals("m9", updated.get("provider_id"));
        assertNull(updated.get("test_backend_url"));
        assertEquals("document-summarizer", updated.get("name"));
        assertEquals("http://llama-stack-server.example.com", updated.get("llamastack_url"));
        assertEquals(created.get("created_at"), updated.get("created_at"));
        assertEquals("2", stored("ATHANOR_DYNAMODB_TABLES_PROMPT_PROJECTS", team, "project#0000000000000000001")
                .get("version").n());
    }

    @Test
    void a_taken_name_is_409_on_create_and_on_rename_and_changes_nothing() {
        String team = newTeam();
        String bearer = token(http, team);
        create(bearer, "{\"name\": \"taken\", \"provider_id\": \"m\"}");
        create(bearer, "{\"name\": \"other\", \"provider_id\": \"m\"}");

        var again = create(bearer, "{\"name\": \"taken\", \"provider_id\": \"x\"}");
        var rename = http.send(request("PUT", "/api/projects/2").bearer(bearer).json("{\"name\": \"taken\"}"));

        assertEquals(409, again.status(), again.body());
        assertEquals("A project named 'taken' already exists", again.get("detail"));
        assertEquals(409, rename.status(), rename.body());
        assertEquals("other", http.send(request("GET", "/api/projects/2").bearer(bearer)).get("name"));
        assertEquals(2, http.send(request("GET", "/api/projects").bearer(bearer)).list().size());
        var renamed = http.send(request("PUT", "/api/projects/2").bearer(bearer).json("{\"name\": \"renamed\"}"));
        assertEquals(200, renamed.status(), renamed.body());
        assertEquals(201, create(bearer, "{\"name\": \"other\", \"provider_id\": \"m\"}").status(),
                "a renamed project frees its old name");
    }

    @Test
    void invalid_bodies_are_422_naming_the_field_and_write_nothing() {
        String team = newTeam();
        String bearer = token(http, team);
        Map<String, String> refused = Map.of(
                "{\"provider_id\": \"m\"}", "name is required",
                "{\"name\": \"n\"}", "provider_id is required",
                "{\"name\": 5, \"provider_id\": \"m\"}", "name must be a string",
                "{\"name\": \"n\", \"providerId\": [\"m\"]}", "provider_id must be a string",
                "{\"name\": \"n\", \"provider_id\": \"m\", \"llamastack_url\": \"not a url\"}",
                "llamastack_url is not a valid URL",
                "{\"name\": \"a/b\", \"provider_id\": \"m\"}", "name must not",
                "{\"name\": \"n\", \"provider_id\": \"m\", \"description\": {\"a\": 1}}",
                "description must be a string",
                "[1, 2]", "The body must be a JSON object");
        refused.forEach((body, detail) -> {
            var response = create(bearer, body);
            assertEquals(422, response.status(), body + " -> " + response.body());
            assertTrue(((String) response.get("detail")).contains(detail), body + " -> " + response.body());
        });
        var malformed = create(bearer, "{\"name\": ");
        assertEquals(400, malformed.status(), malformed.body());
        assertEquals("The body is not valid JSON", malformed.get("detail"));
        assertEquals(List.of(), http.send(request("GET", "/api/projects").bearer(bearer)).list());

        create(bearer, "{\"name\": \"kept\", \"provider_id\": \"m\"}");
        var badPut = http.send(request("PUT", "/api/projects/1").bearer(bearer).json("{\"name\": \"\"}"));
        assertEquals(422, badPut.status(), badPut.body());
        assertEquals("kept", http.send(request("GET", "/api/projects/1").bearer(bearer)).get("name"));
    }

    /** Cloud metadata and link-local services, spelled in ways a URL parser or a C resolver accepts. */
    static final List<String> METADATA_URLS = List.of("http://169.254.169.254/latest/meta-data/",
            "http://[fd00:ec2::254]/", "http://metadata.google.internal/computeMetadata/v1/",
            "http://metadata.google.internal./", "http://0xa9fea9fe/", "http://2852039166/",
            "http://0251.0376.0251.0376/", "http://169.254.43518/", "http://[::ffff:169.254.169.254]/",
            "http://[::ffff:a9fe:a9fe]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[fe80::1]/",
            "http://169.254.169.254#@github.com/");

    @Test
    void every_url_a_project_keeps_is_checked_when_given_and_a_refused_one_stores_nothing() {
        String team = newTeam();
        String bearer = token(http, team);
        for (String field : List.of("test_backend_url", "llamastack_url", "git_repo_url")) {
            for (String url : METADATA_URLS) {
                var response = create(bearer, "{\"name\": \"n\", \"provider_id\": \"m\", \"" + field + "\": \""
                        + url + "\"}");
                assertEquals(422, response.status(), field + " " + url + " -> " + response.body());
                assertEquals("Invalid project: " + field + " must not point at a link-local or metadata address",
                        response.get("detail"), url);
            }
            Map<String, String> others = Map.of(
                    "http://evil@169.254.169.254/", "must not contain credentials",
                    "http://0.0.0.0:8000/", "must not point at an unspecified, multicast or reserved address",
                    "http://[fe80::1%25eth0]/", "must not name a network interface (zone id)",
                    "http://%31%36%39.254.169.254/", "must not percent-encode its host",
                    "https://nowhere.invalid/o/r", "host 'nowhere.invalid' does not resolve");
            others.forEach((url, problem) -> {
                var response = create(bearer, "{\"name\": \"n\", \"provider_id\": \"m\", \"" + field + "\": \""
                        + url + "\"}");
                assertEquals(422, response.status(), field + " " + url + " -> " + response.body());
                assertEquals("Invalid project: " + field + " " + problem, response.get("detail"), url);
            });
        }
        assertEquals(List.of(), http.send(request("GET", "/api/projects").bearer(bearer)).list());
        assertTrue(stored("ATHANOR_DYNAMODB_TABLES_PROMPT_PROJECTS", team, "project#0000000000000000001").isEmpty());

        create(bearer, CAMEL_BODY);
        for (String field : List.of("testBackendUrl", "llamastack_url", "gitRepoUrl")) {
            var put = http.send(request("PUT", "/api/projects/1").bearer(bearer)
                    .json("{\"description\": \"changed\", \"" + field + "\": \"http://[fd00:ec2::254]/\"}"));
            assertEquals(422, put.status(), field + " -> " + put.body());
        }
        var kept = http.send(request("GET", "/api/projects/1").bearer(bearer));
        assertEquals("Summaries", kept.get("description"));
        assertEquals("http://localhost:8000", kept.get("test_backend_url"));
        assertEquals("http://llama-stack-server.example.com", kept.get("llamastack_url"));
        assertEquals("https://github.com/o/r", kept.get("git_repo_url"));
        assertEquals("1", stored("ATHANOR_DYNAMODB_TABLES_PROMPT_PROJECTS", team, "project#0000000000000000001")
                .get("version").n());
    }

    @Test
    void git_repo_url_is_an_http_or_https_git_url() {
        String bearer = token(http, newTeam());
        for (String url : List.of("ssh://git@github.com/o/r.git", "git://github.com/o/r.git", "file:///srv/git/r.git",
                "git@github.com:o/r.git", "git+ssh://github.com/o/r.git")) {
            var response = create(bearer, "{\"name\": \"n\", \"provider_id\": \"m\", \"git_repo_url\": \""
                    + url + "\"}");
            assertEquals(422, response.status(), url + " -> " + response.body());
            assertEquals("Invalid project: git_repo_url must be an https or http Git URL (ssh, git and file URLs "
                    + "are not accepted)", response.get("detail"), url);
        }
        var https = create(bearer, "{\"name\": \"a\", \"provider_id\": \"m\", "
                + "\"git_repo_url\": \"https://github.com/o/r.git\"}");
        var plain = create(bearer, "{\"name\": \"b\", \"provider_id\": \"m\", "
                + "\"git_repo_url\": \"http://git.example.com/o/r.git\"}");
        assertEquals(201, https.status(), https.body());
        assertEquals(201, plain.status(), plain.body());
    }

    @Test
    void unknown_projects_and_ids_that_are_not_integers_are_404() {
        String bearer = token(http, newTeam());
        for (String method : List.of("GET", "PUT", "DELETE")) {
            var response = http.send(request(method, "/api/projects/42").bearer(bearer).json("{}"));
            assertEquals(404, response.status(), method + ": " + response.body());
            assertEquals(Map.of("detail", "Project not found"), response.map());
        }
        var notAnId = http.send(request("GET", "/api/projects/abc").bearer(bearer));
        assertEquals(404, notAnId.status(), notAnId.body());
        assertEquals(Map.of("detail", "Project not found"), notAnId.map());
        assertEquals(401, http.send(request("GET", "/api/projects")).status(), "a token is required");
    }

    @Test
    void another_teams_token_never_sees_or_changes_a_project() {
        String owner = newTeam();
        String ownerBearer = token(http, owner);
        String intruder = token(http, newTeam());
        create(ownerBearer, CAMEL_BODY);

        assertEquals(List.of(), http.send(request("GET", "/api/projects").bearer(intruder)).list());
        for (String method : List.of("GET", "PUT", "DELETE")) {
            var response = http.send(request(method, "/api/projects/1").bearer(intruder).json("{\"name\": \"x\"}"));
            assertEquals(404, response.status(), method + ": " + response.body());
        }
        assertEquals(201, create(intruder, CAMEL_BODY).status(), "names are unique per team only");
        assertEquals("document-summarizer", http.send(request("GET", "/api/projects/1").bearer(ownerBearer))
                .get("name"));
        assertNotNull(stored("ATHANOR_DYNAMODB_TABLES_PROMPT_PROJECTS", owner, "name#document-summarizer")
                .get("project_id"));
    }

    @Test
    void projects_models_lists_each_project_with_its_model_and_debug_counts_what_is_stored() {
        String bearer = token(http, newTeam());
        create(bearer, CAMEL_BODY);
        create(bearer, "{\"name\": \"code-assistant\", \"provider_id\": \"llama-3.1-70b-instruct\"}");
        http.send(request("POST", "/api/projects/1/history").bearer(bearer)
                .json("{\"userPrompt\": \"Summarize {{content}}\", \"is_prod\": true}"));

        var models = http.send(request("GET", "/api/projects-models").bearer(bearer));

        assertEquals(200, models.status(), models.body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> projects = (List<Map<String, Object>>) models.get("projects");
        assertEquals(2, projects.size());
        assertEquals("document-summarizer", projects.get(0).get("name"));
        assertEquals("llama-3.1-8b-instruct", projects.get(0).get("provider_id"));
        assertEquals("http://llama-stack-server.example.com", projects.get(0).get("llamastack_url"));
        assertEquals(1, projects.get(0).get("id"));
        assertNull(projects.get(1).get("llamastack_url"));

        var debug = http.send(request("GET", "/api/debug/projects").bearer(bearer));
        assertEquals(200, debug.status(), debug.body());
        assertEquals(2, debug.get("total_projects"));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) debug.get("projects")).get(0);
        assertEquals(1, first.get("history_count"));
        assertEquals(1, first.get("prod_count"));
        assertEquals(0, first.get("backend_history_count"));
        assertEquals(false, first.get("has_test_settings"));
    }
}
