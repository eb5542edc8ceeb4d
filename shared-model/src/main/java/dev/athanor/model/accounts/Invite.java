package dev.athanor.model.accounts;

import dev.athanor.model.TeamId;

import java.time.Instant;

/**
 * A single-use code a team admin hands to someone so that they can register into the team with the role given.
 * Only the code's hash is kept.
 */
public record Invite(String codeHash, TeamId team, String role, Instant expiresAt, String createdBy) {

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
