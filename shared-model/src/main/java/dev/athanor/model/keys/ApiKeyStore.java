package dev.athanor.model.keys;

import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;

import java.time.Instant;
import java.util.Optional;

/** Port: the API keys of every team. */
public interface ApiKeyStore {

    /** Stores a new key; fails with a conflict when its id is taken. */
    ApiKey create(ApiKey key);

    /** The key with this id, whatever its team, read strongly consistent (a key works as soon as it is created). */
    Optional<ApiKey> find(String keyId);

    /** The team's keys, newest first, revoked ones included. */
    Page<ApiKey> list(TeamId team, PageRequest page);

    /**
     * Marks the team's key revoked at {@code at} (a key revoked before keeps its first revocation time).
     *
     * @return the key as stored after, or empty when the team has no such key
     */
    Optional<ApiKey> revoke(TeamId team, String keyId, Instant at);
}
