package dev.athanor.factory.jobs;

import dev.athanor.core.pipeline.Pipeline;
import dev.athanor.core.pipeline.PipelineDefinitions;
import dev.athanor.model.factory.JobRequest;
import dev.athanor.model.pipeline.Condition;
import dev.athanor.model.pipeline.PipelineDefinition;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The software factory's pipeline, defined in {@code pipelines/factory.json}: its phases are the states there that
 * run an agent, in the order written, and nothing else lists them. Also where a job's artifacts live.
 */
@Singleton
public class FactoryPipeline implements Pipeline {

    public static final String ID = "factory";

    private final PipelineDefinition definition;
    private final List<String> phases;
    private final List<String> reviewable;

    public FactoryPipeline(PipelineDefinitions definitions) {
        this.definition = definitions.get(ID);
        this.phases = definition.agentStates();
        this.reviewable = definition.states().values().stream().flatMap(state -> state.choices().stream())
                .flatMap(rule -> rule.when().stream()).map(Condition::variable)
                .filter(variable -> variable != null && variable.startsWith(JobRequest.REVIEW_VARIABLE_PREFIX))
                .map(variable -> variable.substring(JobRequest.REVIEW_VARIABLE_PREFIX.length()))
                .filter(phases::contains).distinct().toList();
    }

    @Override
    public String id() {
        return ID;
    }

    public PipelineDefinition definition() {
        return definition;
    }

    /** The phases a job runs (create, ba, ... export), in the order of the definition. */
    public List<String> phases() {
        return phases;
    }

    /**
     * The phases a job may ask a person to review whatever their agent says: those whose {@code review_<phase>}
     * variable a choice rule of the definition tests, in the order written.
     */
    public List<String> reviewable() {
        return reviewable;
    }

    /** The execution id of the job {@code slug}. */
    public static String executionId(String slug) {
        return ID + "/" + slug;
    }

    /** Where the job's files live in the team's artifact area. */
    public static String jobPrefix(String slug) {
        return "jobs/" + slug + "/";
    }

    public static String zipPath(String slug) {
        return jobPrefix(slug) + "export/" + slug + ".zip";
    }
}
