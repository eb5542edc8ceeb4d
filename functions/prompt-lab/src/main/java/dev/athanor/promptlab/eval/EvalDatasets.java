package dev.athanor.promptlab.eval;

import dev.athanor.core.http.JsonBodyRules;
import dev.athanor.model.TeamId;
import dev.athanor.model.artifacts.ArtifactStore;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.MalformedInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.promptlab.EvalSample;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The datasets an evaluation can name: the built-in ones shipped as resources ({@code prompt-lab/datasets/*.jsonl}:
 * {@value #XSUM} for summarisation, {@value #QA} for questions and answers) and the team's own, uploaded as JSONL or
 * CSV and kept in the team's artifact area as normalised JSONL under {@code prompt-lab/datasets/<name>.jsonl}. A
 * team dataset cannot take a built-in name, so a name means one thing.
 */
@Singleton
@Requires(beans = ArtifactStore.class)
public class EvalDatasets {

    public static final String XSUM = "xsum";
    public static final String QA = "qa";
    public static final List<String> BUILT_IN = List.of(XSUM, QA);

    private static final String PREFIX = "prompt-lab/datasets/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** One dataset in a listing; {@code samples} is known for the built-in ones, {@code bytes} for the team's. */
    @Serdeable
    public record DatasetInfo(String name, String source, Integer samples, Long bytes) {
    }

    private final ArtifactStore artifacts;
    private final DatasetParser parser;
    private final JsonMapper json;
    private final EvalConfiguration config;
    private final Map<String, List<EvalSample>> builtIn = new ConcurrentHashMap<>();

    public EvalDatasets(ArtifactStore artifacts, DatasetParser parser, JsonMapper json, EvalConfiguration config) {
        this.artifacts = artifacts;
        this.parser = parser;
        this.json = json;
        this.config = config;
    }

    /**
     * The samples of dataset {@code name}, built-in or the team's.
     *
     * @throws NotFoundException when there is none of that name
     */
    public List<EvalSample> samples(TeamId team, String name) {
        if (BUILT_IN.contains(name)) {
            return builtIn.computeIfAbsent(name, this::loadBuiltIn);
        }
        if (!NAME.matcher(name).matches()) {
            throw new NotFoundException("Dataset '" + name + "' not found");
        }
        byte[] stored = artifacts.get(team, PREFIX + name + ".jsonl")
                .orElseThrow(() -> new NotFoundException("Dataset '" + name + "' not found"));
        return parser.parse(new String(stored, StandardCharsets.UTF_8), "jsonl");
    }

    /**
     * Parses and stores a team dataset, replacing one of the same name.
     *
     * @param format {@code jsonl} or {@code csv}
     * @return how many samples it holds
     * @throws InvalidInputException   for a bad name, an oversize body or a bad line (named)
     * @throws MalformedInputException when the body is not UTF-8
     */
    public int upload(TeamId team, String name, byte[] body, String format) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("A dataset name is 1-64 letters, digits, '_', '-' or '.', "
                    + "starting with a letter or digit");
        }
        if (BUILT_IN.contains(name)) {
            throw new InvalidInputException("'" + name + "' is a built-in dataset; choose another name");
        }
        if (body == null || body.length == 0) {
            throw new InvalidInputException("The dataset is empty");
        }
        if (body.length > config.getMaxDatasetBytes()) {
            throw new InvalidInputException("The dataset is larger than " + config.getMaxDatasetBytes() + " bytes");
        }
        List<EvalSample> samples = parser.parse(JsonBodyRules.utf8(body), format);
        String path = PREFIX + name + ".jsonl";
        if (artifacts.size(team, path).isEmpty() && artifacts.list(team, PREFIX).size() >= config.getMaxDatasets()) {
            throw new InvalidInputException("A team keeps at most " + config.getMaxDatasets() + " datasets");
        }
        artifacts.put(team, path, EvalFiles.jsonl(json, samples), EvalFiles.JSONL);
        return samples.size();
    }

    /** The built-in datasets, then the team's, by name. */
    public List<DatasetInfo> list(TeamId team) {
        List<DatasetInfo> all = new ArrayList<>();
        for (String name : BUILT_IN) {
            all.add(new DatasetInfo(name, "built-in", samples(team, name).size(), null));
        }
        for (ArtifactStore.Entry entry : artifacts.list(team, PREFIX)) {
            String file = entry.path().substring(PREFIX.length());
            if (file.endsWith(".jsonl")) {
                all.add(new DatasetInfo(file.substring(0, file.length() - ".jsonl".length()), "team", null,
                        entry.size()));
            }
        }
        return all;
    }

    private List<EvalSample> loadBuiltIn(String name) {
        String resource = PREFIX + name + ".jsonl";
        try (InputStream in = EvalDatasets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing built-in dataset " + resource);
            }
            return List.copyOf(parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
