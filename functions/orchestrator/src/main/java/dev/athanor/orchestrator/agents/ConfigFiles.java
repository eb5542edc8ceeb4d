package dev.athanor.orchestrator.agents;

import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.artifacts.ArtifactStore;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.AgentFile;
import dev.athanor.model.orchestrator.AgentFileStore;
import dev.athanor.model.orchestrator.AgentFileType;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A team's agent config files: the index (path, type, size, last change) in the {@link AgentFileStore}, each
 * revision's content in the {@link ArtifactStore} under {@code agent-files/<revision>/<path>}. A write stores the
 * new revision's content first and then commits it with a conditional write of the index; the loser of a race removes
 * the content it wrote, so the index never names content other than its own, and a failed write leaves the file as
 * it was. A path that cannot be a file's, an unknown one and another team's are all 404 "Config file not found".
 */
@Singleton
@Requires(beans = {AgentFileStore.class, ArtifactStore.class})
public class ConfigFiles {

    static final String PREFIX = "agent-files/";
    private static final String CONTENT_TYPE = "text/plain; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigFiles.class);

    /** A file with its content. */
    public record Loaded(AgentFile file, byte[] content) {
    }

    private final AgentFileStore index;
    private final ArtifactStore artifacts;
    private final Clock clock;

    ConfigFiles(AgentFileStore index, ArtifactStore artifacts, Clock clock) {
        this.index = index;
        this.artifacts = artifacts;
        this.clock = clock;
    }

    /** A page of the team's files by path, of one type when given, each with its content. */
    public Page<Loaded> list(TeamId team, @Nullable AgentFileType type, PageRequest page) {
        Page<AgentFile> files = index.list(team, type, page);
        List<Loaded> loaded = new ArrayList<>();
        for (AgentFile file : files.items()) {
            load(team, file).ifPresent(loaded::add); // absent: deleted since the index was read
        }
        return new Page<>(loaded, files.next());
    }

    /** Every file of the team by path, without content, up to {@code max} of them. */
    public List<AgentFile> index(TeamId team, int max) {
        List<AgentFile> all = new ArrayList<>();
        PageRequest request = PageRequest.first(Math.min(max, 200));
        while (all.size() < max) {
            Page<AgentFile> page = index.list(team, null, request);
            all.addAll(page.items());
            if (page.next() == null) {
                break;
            }
            request = new PageRequest(Math.min(max, 200), page.next());
        }
        return all.size() > max ? all.subList(0, max) : all;
    }

    public Loaded get(TeamId team, String path) {
        return load(team, find(team, path).value()).orElseThrow(ConfigFiles::notFound);
    }

    public Loaded create(TeamId team, FileInput.Write write) {
        if (index.find(team, write.path()).isPresent()) {
            throw new ConflictException("A config file '" + write.path() + "' already exists");
        }
        AgentFile file = stage(team, write);
        try {
            index.create(team, file);
        } catch (RuntimeException e) {
            discard(team, file);
            throw e;
        }
        return new Loaded(file, write.content());
    }

    public Loaded update(TeamId team, Versioned<AgentFile> current, FileInput.Write write) {
        AgentFile file = stage(team, write);
        try {
            index.update(team, file, current.version());
        } catch (RuntimeException e) {
            discard(team, file);
            throw e;
        }
        discard(team, current.value());
        return new Loaded(file, write.content());
    }

    public void delete(TeamId team, String path) {
        Versioned<AgentFile> current = find(team, path);
        index.delete(team, current.value().path(), current.version());
        discard(team, current.value());
    }

    /** The index entry of a path. */
    public Versioned<AgentFile> find(TeamId team, String path) {
        if (FilePaths.problem(path).isPresent()) {
            throw notFound();
        }
        return index.find(team, path).orElseThrow(ConfigFiles::notFound);
    }

    /** Writes a new revision's content; the returned entry commits it once the index holds it. */
    private AgentFile stage(TeamId team, FileInput.Write write) {
        AgentFile file = new AgentFile(write.path(), write.type(), write.content().length,
                clock.instant().truncatedTo(ChronoUnit.SECONDS), UUID.randomUUID().toString());
        artifacts.put(team, key(file), write.content(), CONTENT_TYPE);
        return file;
    }

    /** The file's content; when its revision has just been replaced, the one that replaced it. */
    private Optional<Loaded> load(TeamId team, AgentFile file) {
        Optional<byte[]> content = artifacts.get(team, key(file));
        if (content.isPresent()) {
            return Optional.of(new Loaded(file, content.get()));
        }
        return index.find(team, file.path()).map(Versioned::value)
                .filter(latest -> !latest.revision().equals(file.revision()))
                .flatMap(latest -> artifacts.get(team, key(latest)).map(bytes -> new Loaded(latest, bytes)));
    }

    /** Removes a revision's content; one left behind by a failure here is unreachable and goes with a wipe. */
    private void discard(TeamId team, AgentFile file) {
        try {
            artifacts.deleteAll(team, key(file));
        } catch (RuntimeException e) {
            LOG.warn("Content of config file revision {} was not removed: {}", file.revision(), e.toString());
        }
    }

    static String key(AgentFile file) {
        return PREFIX + file.revision() + "/" + file.path();
    }

    static NotFoundException notFound() {
        return new NotFoundException("Config file not found");
    }
}
