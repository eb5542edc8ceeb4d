package dev.athanor.model.artifacts;

import dev.athanor.model.TeamId;

import java.util.List;
import java.util.Optional;

/**
 * Port: files produced for a team (generated code, documents, exports), under team-scoped keys. {@code path} is
 * relative to the team's area, e.g. {@code jobs/my-app/source/lib/main.dart}; writes replace, so repeating one is
 * harmless.
 */
public interface ArtifactStore {

    record Entry(String path, long size) {
    }

    void put(TeamId team, String path, byte[] content, String contentType);

    Optional<byte[]> get(TeamId team, String path);

    /** The size of one artifact, without reading it. */
    Optional<Long> size(TeamId team, String path);

    /** Every artifact whose path starts with {@code prefix}, in path order. */
    List<Entry> list(TeamId team, String prefix);

    /** Removes every artifact under {@code prefix}; returns how many. */
    int deleteAll(TeamId team, String prefix);
}
