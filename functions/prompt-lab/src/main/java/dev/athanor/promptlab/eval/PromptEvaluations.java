package dev.athanor.promptlab.eval;

import dev.athanor.core.pipeline.PipelineEngine;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.pipeline.ExecutionStatus;
import dev.athanor.model.pipeline.ExecutionSummary;
import dev.athanor.model.promptlab.EvalSample;
import dev.athanor.model.promptlab.Evaluation;
import dev.athanor.model.promptlab.EvaluationStore;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptProjectData;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts and reads LLM-as-judge evaluations. Starting checks the request, picks the first {@code numSamples}
 * samples of the dataset, keeps them beside the evaluation (so a later change of the dataset does not change a
 * running evaluation), stores the evaluation as running and starts its pipeline; the prompt lab's worker does the rest
 * ({@link PromptEvalRunner}). Reading an evaluation adds its per-sample results, and reports it failed when its
 * pipeline ended without reaching the aggregate step. Deleting a project removes its evaluations with their files
 * and pipeline runs ({@link PromptProjectData}).
 */
@Singleton
@Requires(beans = {EvaluationStore.class, PipelineEngine.class, EvalDatasets.class, EvalFiles.class})
public class PromptEvaluations implements PromptProjectData {

    static final int MAX_PROMPT_CHARS = 20_000;
    static final int MAX_SCORING_FUNCTIONS = 10;
    static final int DEFAULT_SAMPLES = 10;

    private final EvaluationStore store;
    private final PipelineEngine engine;
    private final EvalDatasets datasets;
    private final EvalFiles files;
    private final EvalConfiguration config;
    private final Clock clock;

    PromptEvaluations(EvaluationStore store, PipelineEngine engine, EvalDatasets datasets, EvalFiles files,
                      EvalConfiguration config, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.datasets = datasets;
        this.files = files;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Validates the request and starts the evaluation of {@code project}'s prompt.
     *
     * @throws InvalidInputException for a bad request or an unknown dataset (nothing is written then)
     */
    public Evaluation start(TeamId team, PromptProject project, EvalRequest request) {
        String userPrompt = request.userPrompt();
        if (userPrompt == null || userPrompt.isBlank()) {
            throw new InvalidInputException("userPrompt is required");
        }
        if (userPrompt.length() > MAX_PROMPT_CHARS
                || (request.systemPrompt() != null && request.systemPrompt().length() > MAX_PROMPT_CHARS)) {
            throw new InvalidInputException("A prompt may have at most " + MAX_PROMPT_CHARS + " characters");
        }
        String dataset = request.evalDataset() == null ? "" : request.evalDataset().strip();
        if (dataset.isEmpty()) {
            throw new InvalidInputException("evalDataset is required");
        }
        int wanted = request.numSamples() == null ? DEFAULT_SAMPLES : request.numSamples();
        if (wanted < 1 || wanted > config.getMaxSamples()) {
            throw new InvalidInputException("numSamples must be 1-" + config.getMaxSamples());
        }
        List<String> functions = scoringFunctions(request.scoringFunctions());
        if (request.temperature() != null && (request.temperature() < 0 || request.temperature() > 2)) {
            throw new InvalidInputException("temperature must be 0-2");
        }
        if (request.maxLen() != null && (request.maxLen() < 1 || request.maxLen() > 32_000)) {
            throw new InvalidInputException("maxLen must be 1-32000");
        }
        List<EvalSample> all;
        try {
            all = datasets.samples(team, dataset);
        } catch (NotFoundException unknown) {
            throw new InvalidInputException("Unknown evalDataset '" + dataset + "': use one of "
                    + String.join(", ", EvalDatasets.BUILT_IN) + " or a dataset uploaded to the project");
        }
        List<EvalSample> chosen = withDefaults(all.subList(0, Math.min(wanted, all.size())), request.variables());
        String judge = request.judgeModel() == null || request.judgeModel().isBlank()
                ? project.providerId() : request.judgeModel().strip();
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Evaluation evaluation = new Evaluation(id, project.id(), Evaluation.RUNNING, dataset, chosen.size(),
                functions, project.providerId(), judge, userPrompt, request.systemPrompt(), null, null, now, null,
                null);
        files.putSamples(team, id, chosen);
        Evaluation created = store.create(team, evaluation);
        engine.start(team, PromptEvalPipeline.ID, PromptEvalPipeline.executionId(id),
                EvalVariables.input(evaluation, request, config.getBatchSize()));
        return created;
    }

    /** The evaluation with its per-sample results so far, or empty when the project has none of that id. */
    public Optional<Evaluation> find(TeamId team, long projectId, String id) {
        return store.find(team, projectId, id).map(e -> withPipelineOutcome(team, e))
                .map(e -> e.withSamples(results(team, id)));
    }

    /**
     * A page of the project's evaluations, newest first, without per-sample results. An evaluation still running is
     * checked against its pipeline's summary (never the whole execution).
     */
    public Page<Evaluation> list(TeamId team, long projectId, PageRequest page) {
        return store.list(team, projectId, page).map(e -> withPipelineOutcome(team, e));
    }

    /** The per-sample results written so far, by sample index. */
    public List<Evaluation.SampleResult> results(TeamId team, String id) {
        return files.results(team, id);
    }

    /** Removes the project's evaluations, their files and their pipeline runs. */
    @Override
    public void deleteProject(TeamId team, long projectId) {
        for (String id : store.ids(team, projectId)) {
            files.delete(team, id);
            engine.delete(team, PromptEvalPipeline.executionId(id));
        }
        store.deleteProject(team, projectId);
    }

    private Evaluation withPipelineOutcome(TeamId team, Evaluation evaluation) {
        if (evaluation.ended()) {
            return evaluation;
        }
        return engine.findSummary(team, PromptEvalPipeline.executionId(evaluation.id()))
                .filter(execution -> execution.status() == ExecutionStatus.FAILED
                        || execution.status() == ExecutionStatus.CANCELLED)
                .map(execution -> evaluation.failed(reason(execution), execution.finishedAt()))
                .orElse(evaluation);
    }

    private static String reason(ExecutionSummary execution) {
        return execution.error() != null ? execution.error()
                : "the evaluation was " + execution.status().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> scoringFunctions(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw new InvalidInputException("scoringFunctions must name at least one scoring function");
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String name : given) {
            if (name == null || name.isBlank() || name.strip().length() > 64
                    || name.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInputException("A scoring function is a name of 1-64 characters on one line");
            }
            names.add(name.strip());
        }
        if (names.size() > MAX_SCORING_FUNCTIONS) {
            throw new InvalidInputException("At most " + MAX_SCORING_FUNCTIONS + " scoring functions");
        }
        return List.copyOf(names);
    }

    private static List<EvalSample> withDefaults(List<EvalSample> samples, Map<String, Object> defaults) {
        if (defaults == null || defaults.isEmpty()) {
            return samples;
        }
        List<EvalSample> merged = new ArrayList<>(samples.size());
        for (EvalSample sample : samples) {
            Map<String, String> variables = new LinkedHashMap<>();
            defaults.forEach((k, v) -> variables.put(k, v == null ? "" : String.valueOf(v)));
            variables.putAll(sample.variables());
            merged.add(new EvalSample(variables, sample.expected()));
        }
        return merged;
    }

}
