package dev.athanor.model.accounts;

import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.ForbiddenException;

import java.time.Instant;
import java.util.Optional;

/** Accounts, invites and email-verification tokens. */
public interface AccountStore {

    /**
     * Creates the account, and in the same atomic write redeems {@code inviteCodeHash} (when given) and records the
     * verification token (when given): either all of it is stored or none of it.
     *
     * @throws ConflictException  when an account with that email exists
     * @throws ForbiddenException when the invite has been used or has expired meanwhile
     */
    void create(Account account, String inviteCodeHash, PendingVerification verification, Instant now);

    Optional<Account> byEmail(String email);

    void saveInvite(Invite invite);

    Optional<Invite> invite(String codeHash);

    /**
     * Marks the account the token was issued for as verified and uses the token up, atomically.
     *
     * @return the account's email, or empty when the token is unknown, used or expired
     */
    Optional<String> verify(String tokenHash, Instant now);
}
