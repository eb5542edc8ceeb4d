package dev.athanor.core.auth.keys;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.keys.ApiKey;
import dev.athanor.model.keys.ApiKeyStore;
import dev.athanor.model.keys.ApiKeyText;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/**
 * Creating, reading and revoking a team's API keys. Who may: an admin creates keys of any role for the team and
 * revokes any of them; a member creates keys of at most the member role (for themself: the key records their
 * account) and revokes the keys their account created; a viewer only reads. Keys cannot create or revoke keys: a
 * leaked key must not be able to mint its own replacements. Another team's key is reported as not found.
 */
@Singleton
public class ApiKeys {

    /** Lowercase letters and digits: a key id never holds the '-' between id and secret. */
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final List<String> RANKED = List.of(Roles.VIEWER, Roles.MEMBER, Roles.ADMIN);

    /** A key just created: its text is in this object only, never stored or shown again. */
    public record Created(ApiKey key, String text) {
    }

    @Nullable
    private final ApiKeyStore store;
    private final ApiKeyDirectory directory;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(@Nullable ApiKeyStore store, ApiKeyDirectory directory, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    public Created create(TeamPrincipal caller, NewApiKey request) {
        ApiKeyStore keys = store();
        if (caller.keyId() != null) {
            throw new ForbiddenException("An API key cannot create API keys; use an account or a team token");
        }
        if (Roles.VIEWER.equals(caller.role())) {
            throw new ForbiddenException("A viewer cannot create API keys");
        }
        String role = request.role() == null ? Roles.MEMBER : request.role();
        if (!caller.isAdmin() && rank(role) > rank(caller.role())) {
            throw new ForbiddenException("A " + caller.role() + " can create keys with at most the " + caller.role()
                    + " role, not " + role);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = newId();
        String secret = newSecret();
        ApiKey key = keys.create(new ApiKey(id, caller.team(), request.name(), role, caller.userId(), now,
                request.expiresAt(), request.allowedModels(), request.budgetUsd(), request.budgetPeriod(),
                request.requestsPerMinute(), request.tokensPerMinute(), null, ApiKeyText.hash(secret), null));
        return new Created(key, ApiKeyText.format(id, secret));
    }

    public Page<ApiKey> list(TeamPrincipal caller, PageRequest page) {
        return store().list(caller.team(), page);
    }

    public ApiKey get(TeamPrincipal caller, String keyId) {
        return teamKey(caller, keyId);
    }

    /** Revokes the key (again: no change); every instance refuses it within the key cache time. */
    public ApiKey revoke(TeamPrincipal caller, String keyId) {
        ApiKey key = teamKey(caller, keyId);
        if (caller.keyId() != null) {
            throw new ForbiddenException("An API key cannot revoke API keys; use an account or a team token");
        }
        boolean own = caller.userId() != null && caller.userId().equals(key.createdBy());
        if (!caller.isAdmin() && !(Roles.MEMBER.equals(caller.role()) && own)) {
            throw new ForbiddenException("Only an admin, or the member whose account created it, can revoke this key");
        }
        ApiKey revoked = store().revoke(caller.team(), keyId, clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .orElseThrow(() -> notFound(keyId));
        directory.forget(keyId);
        return revoked;
    }

    private ApiKey teamKey(TeamPrincipal caller, String keyId) {
        if (!ApiKeyText.isKeyId(keyId)) {
            throw notFound(keyId);
        }
        return store().find(keyId).filter(k -> k.team().equals(caller.team())).orElseThrow(() -> notFound(keyId));
    }

    private ApiKeyStore store() {
        if (store == null) {
            throw new UnavailableException("API keys are not configured here: no keys table is set");
        }
        return store;
    }

    private static NotFoundException notFound(String keyId) {
        return new NotFoundException("API key '" + keyId + "' not found");
    }

    private static int rank(String role) {
        return RANKED.indexOf(role);
    }

    private String newId() {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
