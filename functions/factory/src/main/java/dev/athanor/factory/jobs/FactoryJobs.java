package dev.athanor.factory.jobs;

import dev.athanor.core.pipeline.PipelineEngine;
import dev.athanor.model.TeamId;
import dev.athanor.model.artifacts.ArtifactStore;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.factory.ArtifactPaths;
import dev.athanor.model.factory.JobRequest;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.pipeline.CheckpointStore;
import dev.athanor.model.pipeline.StepRecord;
import dev.athanor.model.pipeline.StoredExecution;
import dev.athanor.model.settings.SettingsRepository;
import dev.athanor.model.settings.TeamSettings;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The software factory's jobs: one execution of the factory pipeline each, keyed by slug within the team. Used by
 * the factory's API and by its worker for jobs that arrive on the intake queue.
 */
@Singleton
@Requires(beans = {PipelineEngine.class, ArtifactStore.class, CheckpointStore.class, SettingsRepository.class})
public class FactoryJobs {

    /** The largest file {@code code/file} returns. */
    public static final long MAX_FILE_BYTES = 500 * 1024;
    /** The page size in which {@link #all} reads the summaries. */
    private static final int ALL_PAGE = 200;

    private final PipelineEngine engine;
    private final ArtifactStore artifacts;
    private final CheckpointStore checkpoints;
    private final SettingsRepository settings;
    private final FactoryPipeline pipeline;

    public FactoryJobs(PipelineEngine engine, ArtifactStore artifacts, CheckpointStore checkpoints,
                       SettingsRepository settings, FactoryPipeline pipeline) {
        this.engine = engine;
        this.pipeline = pipeline;
        this.artifacts = artifacts;
        this.checkpoints = checkpoints;
        this.settings = settings;
    }

    /**
     * Checks the request and starts its job.
     *
     * @throws InvalidInputException naming the offending fields
     * @throws ConflictException     when the team has a job with that slug
     */
    public JobView create(TeamId team, Map<String, ?> body) {
        JobRequest request = JobRequest.of(body, pipeline.reviewable());
        String id = FactoryPipeline.executionId(request.slug());
        if (engine.find(team, id).isPresent()) {
            throw new ConflictException("Job '" + request.slug() + "' already exists");
        }
        artifacts.deleteAll(team, FactoryPipeline.jobPrefix(request.slug())); // files left by a deleted job
        return JobView.of(engine.start(team, FactoryPipeline.ID, id, request.variables(maxRepairAttempts(team))));
    }

    /** A page of the team's jobs, newest first, read from their summaries (never their executions). */
    public Page<JobView> list(TeamId team, PageRequest page) {
        return engine.summaries(team, FactoryPipeline.ID, page).map(JobView::of);
    }

    /** Every job of the team, newest first, read from their summaries a page at a time: for figures over all jobs. */
    public List<JobView> all(TeamId team) {
        List<JobView> all = new ArrayList<>();
        PageRequest page = PageRequest.first(ALL_PAGE);
        while (true) {
            Page<JobView> read = list(team, page);
            all.addAll(read.items());
            if (!read.hasNext()) {
                return all;
            }
            page = new PageRequest(ALL_PAGE, read.next());
        }
    }

    public JobView get(TeamId team, String slug) {
        return JobView.of(stored(team, slug));
    }

    /** Removes the job, its checkpoints and, with {@code purge}, its files. A step still queued finds nothing. */
    public void delete(TeamId team, String slug, boolean purge) {
        stored(team, slug);
        String id = FactoryPipeline.executionId(slug);
        engine.delete(team, id);
        checkpoints.deleteFor(team, id);
        if (purge) {
            artifacts.deleteAll(team, FactoryPipeline.jobPrefix(slug));
        }
    }

    /** Phase name to status, in pipeline order. */
    public Map<String, String> phases(TeamId team, String slug) {
        StoredExecution stored = stored(team, slug);
        Map<String, String> phases = new LinkedHashMap<>();
        for (String phase : pipeline.phases()) {
            StepRecord step = stored.execution().step(phase);
            phases.put(phase, step.status().name().toLowerCase(Locale.ROOT));
        }
        return phases;
    }

    /**
     * @throws ConflictException when the job is no longer queued or running
     */
    public JobView cancel(TeamId team, String slug) {
        JobView job = JobView.of(stored(team, slug));
        if (job.ended()) {
            throw new ConflictException("Job '" + slug + "' is " + job.status() + ", not queued or running");
        }
        return JobView.of(engine.cancel(team, FactoryPipeline.executionId(slug)));
    }

    /** Every file and folder under {@code source/} and {@code docs/}, folders first within their parent. */
    public List<TreeEntry> tree(TeamId team, String slug) {
        stored(team, slug);
        String prefix = FactoryPipeline.jobPrefix(slug);
        Map<String, TreeEntry> entries = new TreeMap<>();
        for (String root : ArtifactPaths.ROOTS) {
            for (ArtifactStore.Entry entry : artifacts.list(team, prefix + root + "/")) {
                String path = entry.path().substring(prefix.length());
                String[] parts = path.split("/");
                StringBuilder dir = new StringBuilder();
                for (int i = 0; i < parts.length - 1; i++) {
                    dir.append(i == 0 ? "" : "/").append(parts[i]);
                    entries.putIfAbsent(dir.toString(), new TreeEntry(dir.toString(), parts[i], true, 0));
                }
                entries.put(path, new TreeEntry(path, parts[parts.length - 1], false, entry.size()));
            }
        }
        return new ArrayList<>(entries.values());
    }

    /**
     * @throws InvalidInputException when the path is not a plain path under source/ or docs/, or the file is over
     *                               500 KB
     * @throws NotFoundException     when there is no such file
     */
    public String file(TeamId team, String slug, String path) {
        stored(team, slug);
        ArtifactPaths.require(path);
        String key = FactoryPipeline.jobPrefix(slug) + path;
        long size = artifacts.size(team, key).orElseThrow(() -> new NotFoundException("No file '" + path + "'"));
        if (size > MAX_FILE_BYTES) {
            throw new InvalidInputException("'" + path + "' is " + size + " bytes; files over 500 KB are not shown");
        }
        return artifacts.get(team, key).map(b -> new String(b, StandardCharsets.UTF_8))
                .orElseThrow(() -> new NotFoundException("No file '" + path + "'"));
    }

    /** The exported ZIP. @throws NotFoundException until the export phase has run */
    public byte[] download(TeamId team, String slug) {
        stored(team, slug);
        return artifacts.get(team, FactoryPipeline.zipPath(slug))
                .orElseThrow(() -> new NotFoundException("Job '" + slug + "' has no export yet"));
    }

    private StoredExecution stored(TeamId team, String slug) {
        if (slug == null || !JobRequest.SLUG.matcher(slug).matches()) {
            throw new NotFoundException("No job '" + slug + "'");
        }
        return engine.find(team, FactoryPipeline.executionId(slug))
                .orElseThrow(() -> new NotFoundException("No job '" + slug + "'"));
    }

    private int maxRepairAttempts(TeamId team) {
        String value = settings.find(team, TeamSettings.SCOPE).map(v -> v.value())
                .orElseGet(TeamSettings::defaults).get(TeamSettings.MAX_REPAIR_ATTEMPTS);
        try {
            return value == null ? 5 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 5;
        }
    }

    /** One entry of the code tree. */
    public record TreeEntry(String path, String name, boolean isDir, long size) {
    }
}
