package dev.athanor.promptlab.eval;

import dev.athanor.model.TeamId;
import dev.athanor.model.artifacts.ArtifactStore;
import dev.athanor.model.promptlab.EvalSample;
import dev.athanor.model.promptlab.Evaluation.SampleResult;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An evaluation's files in the team's artifact area, under {@code prompt-lab/evals/<eval_id>/}: the samples chosen
 * when it started ({@code samples.jsonl}, so a later change of the dataset does not change a running evaluation)
 * and one results file per batch ({@code results/<first sample>.json}, the same key on every run of that batch, so
 * a redelivered step replaces its results).
 */
@Singleton
@Requires(beans = ArtifactStore.class)
class EvalFiles {

    private final ArtifactStore artifacts;
    private final JsonMapper json;

    EvalFiles(ArtifactStore artifacts, JsonMapper json) {
        this.artifacts = artifacts;
        this.json = json;
    }

    /** Samples as stored, here and as a team's datasets: one {@link EvalSample} JSON object per line. */
    static final String JSONL = "application/x-ndjson; charset=utf-8";

    static byte[] jsonl(JsonMapper json, List<EvalSample> samples) {
        StringBuilder text = new StringBuilder();
        try {
            for (EvalSample sample : samples) {
                text.append(json.writeValueAsString(sample)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    void putSamples(TeamId team, String evalId, List<EvalSample> samples) {
        artifacts.put(team, samplesPath(evalId), jsonl(json, samples), JSONL);
    }

    List<EvalSample> samples(TeamId team, String evalId) throws IOException {
        byte[] stored = artifacts.get(team, samplesPath(evalId))
                .orElseThrow(() -> new IllegalStateException("The samples of evaluation " + evalId + " are gone"));
        List<EvalSample> samples = new ArrayList<>();
        for (String line : new String(stored, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                samples.add(json.readValue(line, EvalSample.class));
            }
        }
        return samples;
    }

    /** Writes the results of the batch that starts at sample {@code from}, replacing an earlier run's. */
    void putResults(TeamId team, String evalId, int from, List<SampleResult> results) throws IOException {
        artifacts.put(team, resultsPrefix(evalId) + String.format("%06d.json", from), json.writeValueAsBytes(results),
                "application/json");
    }

    /** Every result written so far, by sample index. */
    List<SampleResult> results(TeamId team, String evalId) {
        List<SampleResult> results = new ArrayList<>();
        for (ArtifactStore.Entry entry : artifacts.list(team, resultsPrefix(evalId))) {
            artifacts.get(team, entry.path()).ifPresent(bytes -> results.addAll(read(bytes)));
        }
        results.sort(Comparator.comparingInt(SampleResult::index));
        return results;
    }

    void delete(TeamId team, String evalId) {
        artifacts.deleteAll(team, prefix(evalId));
    }

    private List<SampleResult> read(byte[] bytes) {
        try {
            return json.readValue(bytes, Argument.listOf(SampleResult.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable evaluation results", e);
        }
    }

    private static String prefix(String evalId) {
        return "prompt-lab/evals/" + evalId + "/";
    }

    private static String samplesPath(String evalId) {
        return prefix(evalId) + "samples.jsonl";
    }

    private static String resultsPrefix(String evalId) {
        return prefix(evalId) + "results/";
    }
}
