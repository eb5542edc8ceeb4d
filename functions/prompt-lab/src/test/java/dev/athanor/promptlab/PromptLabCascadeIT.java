package dev.athanor.promptlab;

import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A store of project data the prompt lab does not know by name still takes part in a project's delete. */
@ExtendWith(LocalStackExtension.class)
class PromptLabCascadeIT {

    @Test
    void deleting_a_project_asks_every_project_data_store_and_a_refused_delete_asks_none() {
        try (LambdaHttp http = LambdaHttp.start("PromptLabFunction", Map.of("test.recording-project-data", "true"))) {
            String team = "cascade-" + UUID.randomUUID();
            String bearer = PromptLabProjectsIT.token(http, team);
            String stranger = PromptLabProjectsIT.token(http, "cascade-stranger");
            http.send(request("POST", "/api/projects").bearer(bearer)
                    .json("{\"name\": \"c\", \"provider_id\": \"m\"}"));
            RecordingProjectData recorder = http.context().getBean(RecordingProjectData.class);

            assertEquals(404, http.send(request("DELETE", "/api/projects/1").bearer(stranger)).status());
            assertEquals(List.of(), recorder.deleted);
            assertEquals(200, http.send(request("DELETE", "/api/projects/1").bearer(bearer)).status());

            assertEquals(List.of(team + "/1"), recorder.deleted);
        }
    }
}
