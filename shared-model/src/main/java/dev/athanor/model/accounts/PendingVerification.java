package dev.athanor.model.accounts;

import java.time.Instant;

/** The hash of the token an email-verification link carries, and when the link stops working. */
public record PendingVerification(String tokenHash, Instant expiresAt) {
}
