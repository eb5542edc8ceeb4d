package dev.athanor.factory;

import dev.athanor.factory.projects.ProjectService;
import dev.athanor.factory.projects.ProjectSummary;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.projects.Project;
import dev.athanor.model.projects.ProjectRepository;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.PageWalk;
import io.micronaut.core.type.Argument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Projects through the Lambda handler: create, read, upsert, delete, validation, team isolation, stored items. */
@ExtendWith(LocalStackExtension.class)
class ProjectsIT {

    private static final String SEED_BODY = """
            {"name": "Flutter Todo App", "description": "A simple todo list application", "slug": "flutter-todo",
             "status": "discovery", "health": "healthy", "icon": "📱", "repository": "", "monthly_spend": 0,
             "sla": "100%", "build_progress": 0, "features": ["auth", "notifications"]}""";

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("FactoryFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static String token(String team) {
        return FactoryTokens.mint(http, team, "member");
    }

    private static Map<String, AttributeValue> storedItem(String team, String slug) {
        String table = LocalStackExtension.stack().functionEnvironment("FactoryFunction")
                .get("ATHANOR_DYNAMODB_TABLES_PROJECTS");
        return LocalStackExtension.stack().dynamo().getItem(r -> r.tableName(table)
                .key(Map.of("team_id", AttributeValue.fromS(team), "id", AttributeValue.fromS(slug)))).item();
    }

    private static List<Map<String, Object>> list(LambdaHttp.Response response) {
        try {
            return response.json().readValue(response.body(),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }

    @Test
    void post_creates_the_seed_body_with_201_and_stores_it() {
        var response = http.send(request("POST", "/api/projects").bearer(token("create-team")).json(SEED_BODY));

        assertEquals(201, response.status(), response.body());
        Map<String, Object> body = response.map();
        assertEquals("flutter-todo", body.get("slug"));
        assertEquals("Flutter Todo App", body.get("name"));
        assertEquals("A simple todo list application", body.get("description"));
        assertEquals("📱", body.get("icon"));
        assertEquals(0, ((Number) body.get("monthly_spend")).intValue());
        assertEquals(List.of("auth", "notifications"), body.get("features"));
        assertNotNull(body.get("created_at"));
        assertEquals(body.get("created_at"), body.get("updated_at"));

        Map<String, AttributeValue> item = storedItem("create-team", "flutter-todo");
        assertEquals("Flutter Todo App", item.get("name").s());
        assertEquals("discovery", item.get("status").s());
        assertEquals(List.of("auth", "notifications"),
                item.get("features").l().stream().map(AttributeValue::s).toList());
        assertEquals("1", item.get("version").n());
    }

    @Test
    void post_derives_the_slug_from_the_name_fills_defaults_and_accepts_camel_case() {
        var response = http.send(request("POST", "/api/projects").bearer(token("derive-team"))
                .json("{\"name\": \"Flutter Todo App\", \"monthlySpend\": 12.5, \"buildProgress\": 40}"));

        assertEquals(201, response.status(), response.body());
        assertEquals("flutter-todo-app", response.get("slug"));
        assertEquals(12.5, ((Number) response.get("monthly_spend")).doubleValue());
        assertEquals(40, response.get("build_progress"));
        assertEquals("discovery", response.get("status"));
        assertEquals("healthy", response.get("health"));
        assertEquals("100%", response.get("sla"));
        assertEquals("", response.get("repository"));
        assertEquals(List.of(), response.get("features"));
        Map<String, AttributeValue> item = storedItem("derive-team", "flutter-todo-app");
        assertEquals("12.5", item.get("monthly_spend").n());
        assertEquals("40", item.get("build_progress").n());
    }

    @Test
    void post_with_a_slug_that_exists_is_409_and_changes_nothing() {
        String bearer = token("duplicate-team");
        http.send(request("POST", "/api/projects").bearer(bearer)
                .json("{\"name\": \"Todo\", \"status\": \"blocked\"}"));

        var again = http.send(request("POST", "/api/projects").bearer(bearer)
                .json("{\"name\": \"Todo\", \"status\": \"production\"}"));

        assertEquals(409, again.status(), again.body());
        assertEquals("Project 'todo' already exists", again.get("detail"));
        Map<String, AttributeValue> item = storedItem("duplicate-team", "todo");
        assertEquals("blocked", item.get("status").s());
        assertEquals("1", item.get("version").n());
    }

    @Test
    void get_lists_the_teams_projects_in_slug_order_and_reads_one() {
        String bearer = token("list-team");
        for (String name : List.of("Weather", "Budget Tracker", "Chat")) {
            assertEquals(201, http.send(request("POST", "/api/projects").bearer(bearer)
                    .json("{\"name\": \"" + name + "\"}")).status());
        }

        var listed = http.send(request("GET", "/api/projects").bearer(bearer));
        assertEquals(200, listed.status(), listed.body());
        assertEquals(List.of("budget-tracker", "chat", "weather"),
                list(listed).stream().map(p -> p.get("slug")).toList());

        var one = http.send(request("GET", "/api/projects/chat").bearer(bearer));
        assertEquals(200, one.status(), one.body());
        assertEquals("Chat", one.get("name"));
        assertEquals(List.of("name", "description", "slug", "status", "health", "icon", "repository", "monthly_spend",
                "sla", "build_progress", "features", "created_at", "updated_at"), List.copyOf(one.map().keySet()));
    }

    private static LambdaHttp.Response page(String bearer, Integer limit, String cursor) {
        var request = request("GET", "/api/projects").bearer(bearer);
        if (limit != null) {
            request.query("limit", limit.toString());
        }
        if (cursor != null) {
            request.query("cursor", cursor);
        }
        return http.send(request);
    }

    @Test
    void the_list_is_read_a_page_at_a_time_in_slug_order() {
        String bearer = token("paged-team");
        List<Object> slugs = new java.util.ArrayList<>();
        for (int i = 52; i >= 0; i--) {
            String name = "Project " + String.format("%02d", i);
            assertEquals(201, http.send(request("POST", "/api/projects").bearer(bearer)
                    .json("{\"name\": \"" + name + "\"}")).status());
            slugs.add(0, "project-" + String.format("%02d", i));
        }

        var first = page(bearer, null, null);
        assertEquals(slugs.subList(0, 50), list(first).stream().map(p -> p.get("slug")).toList(),
                "the default page: the plain array of the first 50");
        assertEquals(slugs.subList(50, 53), list(page(bearer, null, first.header("X-Next-Cursor"))).stream()
                .map(p -> p.get("slug")).toList());
        for (int limit : List.of(1, 8, 200)) {
            List<LambdaHttp.Response> pages = PageWalk.walk(cursor -> page(bearer, limit, cursor), limit,
                    ProjectsIT::list);
            assertEquals(slugs, PageWalk.items(pages, ProjectsIT::list).stream().map(p -> p.get("slug")).toList());
            assertEquals((53 + limit - 1) / limit, pages.size(), "pages of " + limit);
        }

        assertEquals(422, page(bearer, 0, null).status());
        assertEquals(422, page(bearer, 201, null).status());
        var foreign = page(token("paged-intruder"), 5, first.header("X-Next-Cursor"));
        assertEquals(422, foreign.status(), foreign.body());
        assertFalse(foreign.body().contains("project-"), foreign.body());
    }

    @Test
    void unknown_projects_are_404_for_get_and_delete() {
        String bearer = token("missing-team");
        for (String method : List.of("GET", "DELETE")) {
            for (String slug : List.of("nothing-here", "Not%20A%20Slug", "x".repeat(2000))) {
                var response = http.send(request(method, "/api/projects/" + slug).bearer(bearer));
                assertEquals(404, response.status(), method + " " + slug + ": " + response.body());
                assertTrue(((String) response.get("detail")).contains("not found"), response.body());
            }
        }
    }

    @Test
    void put_creates_with_201_then_replaces_with_200_keeping_created_at() {
        String bearer = token("upsert-team");
        var created = http.send(request("PUT", "/api/projects/habit-tracker").bearer(bearer).json(
                "{\"name\": \"Habit Tracker\", \"description\": \"Daily habits\", \"status\": \"development\"}"));
        assertEquals(201, created.status(), created.body());
        assertEquals("habit-tracker", created.get("slug"));

        var replaced = http.send(request("PUT", "/api/projects/habit-tracker").bearer(bearer)
                .json("{\"name\": \"Habit Tracker 2\", \"build_progress\": 55}"));

        assertEquals(200, replaced.status(), replaced.body());
        assertEquals("Habit Tracker 2", replaced.get("name"));
        assertEquals("", replaced.get("description"), "a PUT replaces the whole project");
        assertEquals("discovery", replaced.get("status"));
        assertEquals(55, replaced.get("build_progress"));
        assertEquals(created.get("created_at"), replaced.get("created_at"));
        Map<String, AttributeValue> item = storedItem("upsert-team", "habit-tracker");
        assertEquals("2", item.get("version").n());
        assertEquals("Habit Tracker 2", item.get("name").s());
    }

    @Test
    void a_project_read_can_be_written_back_as_it_is() {
        String bearer = token("roundtrip-team");
        var created = http.send(request("POST", "/api/projects").bearer(bearer).json(SEED_BODY));

        var written = http.send(request("PUT", "/api/projects/flutter-todo").bearer(bearer).json(created.body()));

        assertEquals(200, written.status(), written.body());
        Map<String, Object> before = created.map();
        Map<String, Object> after = written.map();
        before.remove("updated_at");
        after.remove("updated_at");
        assertEquals(before, after);
    }

    @Test
    void invalid_fields_are_422_naming_each_and_write_nothing() {
        String bearer = token("invalid-team");
        var refused = http.send(request("POST", "/api/projects").bearer(bearer).json("{\"name\": \"Bad\", "
                + "\"status\": \"shipped\", \"build_progress\": 150, \"monthly_spend\": -5, \"slug\": \"Bad Slug\"}"));

        assertEquals(422, refused.status(), refused.body());
        String detail = (String) refused.get("detail");
        for (String field : List.of("status", "build_progress", "monthly_spend", "slug")) {
            assertTrue(detail.contains(field), field + " missing in: " + detail);
        }
        assertEquals(List.of(), list(http.send(request("GET", "/api/projects").bearer(bearer))));

        var noName = http.send(request("POST", "/api/projects").bearer(bearer).json("{}"));
        assertEquals(422, noName.status(), noName.body());
        assertEquals("Invalid project: name is required", noName.get("detail"));

        http.send(request("PUT", "/api/projects/kept").bearer(bearer).json("{\"name\": \"Kept\"}"));
        var badPut = http.send(request("PUT", "/api/projects/kept").bearer(bearer)
                .json("{\"name\": \"Kept\", \"slug\": \"other\"}"));
        assertEquals(422, badPut.status(), badPut.body());
        assertEquals("1", storedItem("invalid-team", "kept").get("version").n());
        var badPathSlug = http.send(request("PUT", "/api/projects/Bad_Slug").bearer(bearer).json("{\"name\": \"B\"}"));
        assertEquals(422, badPathSlug.status(), badPathSlug.body());
    }

    @Test
    void wrong_body_types_are_4xx_in_the_detail_shape() {
        String bearer = token("types-team");
        for (String body : List.of("[1]", "\"text\"", "{\"name\": \"X\", \"build_progress\": \"half\"}",
                "{\"name\": \"X\", \"features\": {\"a\": 1}}", "{\"name\": ")) {
            var response = http.send(request("POST", "/api/projects").bearer(bearer).json(body));
            assertTrue(response.status() == 400 || response.status() == 422, body + " -> " + response.status());
            assertTrue(response.map().containsKey("detail"), response.body());
        }
        assertEquals(List.of(), list(http.send(request("GET", "/api/projects").bearer(bearer))));
    }

    @Test
    void delete_removes_the_project() {
        String bearer = token("delete-team");
        http.send(request("POST", "/api/projects").bearer(bearer).json("{\"name\": \"Gone Soon\"}"));

        var deleted = http.send(request("DELETE", "/api/projects/gone-soon").bearer(bearer));

        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(Map.of("status", "deleted", "slug", "gone-soon"), deleted.map());
        assertTrue(storedItem("delete-team", "gone-soon").isEmpty());
        assertEquals(404, http.send(request("GET", "/api/projects/gone-soon").bearer(bearer)).status());
    }

    @Test
    void a_team_never_sees_or_changes_another_teams_projects() {
        String teamA = token("projects-a");
        String teamB = token("projects-b");
        http.send(request("POST", "/api/projects").bearer(teamA).json(SEED_BODY));

        assertEquals(List.of(), list(http.send(request("GET", "/api/projects").bearer(teamB))));
        assertEquals(404, http.send(request("GET", "/api/projects/flutter-todo").bearer(teamB)).status());
        assertEquals(404, http.send(request("DELETE", "/api/projects/flutter-todo").bearer(teamB)).status());
        var putByB = http.send(request("PUT", "/api/projects/flutter-todo").bearer(teamB).json("{\"name\": \"B's\"}"));
        assertEquals(201, putByB.status(), "B creates its own project under the same slug");

        assertEquals("Flutter Todo App", storedItem("projects-a", "flutter-todo").get("name").s());
        assertEquals("B's", storedItem("projects-b", "flutter-todo").get("name").s());
        assertEquals("Flutter Todo App", http.send(request("GET", "/api/projects/flutter-todo").bearer(teamA))
                .get("name"));
    }

    @Test
    void a_write_from_a_stale_read_is_refused() {
        ProjectRepository repository = http.context().getBean(ProjectRepository.class);
        String bearer = token("stale-team");
        http.send(request("POST", "/api/projects").bearer(bearer).json("{\"name\": \"Race\"}"));
        Versioned<Project> read = repository.find(TeamId.of("stale-team"), "race").orElseThrow();
        http.send(request("PUT", "/api/projects/race").bearer(bearer)
                .json("{\"name\": \"Race\", \"status\": \"blocked\"}"));

        assertThrows(ConflictException.class, () -> repository.save(TeamId.of("stale-team"), read.value(),
                read.version()));
        assertEquals("blocked", storedItem("stale-team", "race").get("status").s());
    }

    @Test
    void the_summary_counts_every_status_including_the_empty_ones() {
        String bearer = token("summary-team");
        for (String project : List.of("A:development", "B:development", "C:production")) {
            String[] nameAndStatus = project.split(":");
            http.send(request("POST", "/api/projects").bearer(bearer).json("{\"name\": \"" + nameAndStatus[0]
                    + "\", \"status\": \"" + nameAndStatus[1] + "\"}"));
        }

        ProjectSummary summary = http.context().getBean(ProjectService.class).summary(TeamId.of("summary-team"));

        assertEquals(3, summary.total());
        assertEquals(Map.of("discovery", 0, "development", 2, "production", 1, "blocked", 0),
                summary.statusBreakdown());
        assertEquals(List.of("discovery", "development", "production", "blocked"),
                List.copyOf(summary.statusBreakdown().keySet()));
        assertFalse(http.context().getBean(ProjectService.class).list(TeamId.of("summary-team")).isEmpty());
    }

    @Test
    void a_wipe_erases_the_teams_projects_and_no_other_teams() {
        String wiped = token("wipe-projects");
        String kept = token("keep-projects");
        http.send(request("POST", "/api/projects").bearer(wiped).json("{\"name\": \"One\"}"));
        http.send(request("POST", "/api/projects").bearer(wiped).json("{\"name\": \"Two\"}"));
        http.send(request("POST", "/api/projects").bearer(kept).json("{\"name\": \"One\"}"));
        TeamData projects = http.context().getBeansOfType(TeamData.class).stream()
                .filter(store -> store.name().equals("projects")).findFirst().orElseThrow();

        projects.wipe(TeamId.of("wipe-projects"));

        assertEquals(List.of(), list(http.send(request("GET", "/api/projects").bearer(wiped))));
        assertTrue(storedItem("wipe-projects", "one").isEmpty());
        assertEquals(List.of("one"), list(http.send(request("GET", "/api/projects").bearer(kept))).stream()
                .map(p -> p.get("slug")).toList());
        projects.wipe(TeamId.of("wipe-projects")); // safe to repeat
    }
}
