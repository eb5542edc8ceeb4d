package dev.athanor.core.factory;

import java.util.List;

/** The software factory's pipeline: its id, its 13 phases in order, and where a job's artifacts live. */
public final class FactoryPipeline {

    public static final String ID = "factory";

    public static final List<String> PHASES = List.of("create", "ba", "backend", "architect", "uiux", "dev", "qa",
            "refactor", "repair", "runtime", "security", "reviewer", "export");

    private FactoryPipeline() {
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
