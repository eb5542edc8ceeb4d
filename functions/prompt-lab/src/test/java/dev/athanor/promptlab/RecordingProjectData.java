package dev.athanor.promptlab;

import dev.athanor.model.TeamId;
import dev.athanor.model.promptlab.PromptProjectData;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands for a store of project data added later (evaluations): records which projects it was asked to drop. */
@Singleton
@Requires(property = "test.recording-project-data", value = "true")
class RecordingProjectData implements PromptProjectData {

    final List<String> deleted = new CopyOnWriteArrayList<>();

    @Override
    public void deleteProject(TeamId team, long projectId) {
        deleted.add(team.value() + "/" + projectId);
    }
}
