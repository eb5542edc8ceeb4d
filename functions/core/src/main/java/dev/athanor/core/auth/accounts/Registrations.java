package dev.athanor.core.auth.accounts;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.TeamId;
import dev.athanor.model.accounts.Account;
import dev.athanor.model.accounts.AccountRules;
import dev.athanor.model.accounts.AccountStore;
import dev.athanor.model.accounts.Invite;
import dev.athanor.model.accounts.Mail;
import dev.athanor.model.accounts.MailSender;
import dev.athanor.model.accounts.PendingVerification;
import dev.athanor.model.accounts.RegistrationPolicy;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.MalformedInputException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creating accounts under the deployment's registration policy, verifying their email, and the invites that let
 * people into a team. When a mail sender is configured a new account must verify its email before it can log in;
 * without one it is verified at once.
 */
@Singleton
@Requires(beans = AccountStore.class)
public class Registrations {

    public record Registered(String userId, boolean verificationRequired) {
    }

    public record CreatedInvite(String code, TeamId team, String role, Instant expiresAt) {
    }

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final AccountSettings settings;
    private final MailSender mail;
    private final Clock clock;

    public Registrations(AccountStore accounts, PasswordHasher hasher, AccountSettings settings,
                         @Nullable MailSender mail, Clock clock) {
        if (mail != null && (settings.getPublicUrl() == null || settings.getPublicUrl().isBlank())) {
            throw new IllegalStateException("Verification emails need athanor.auth.public-url, the base URL their "
                    + "links point at");
        }
        this.accounts = accounts;
        this.hasher = hasher;
        this.settings = settings;
        this.mail = mail;
        this.clock = clock;
    }

    public Registered register(String email, String password, String fullName, String inviteCode) {
        RegistrationPolicy policy = settings.getRegistration();
        boolean invited = inviteCode != null && !inviteCode.isBlank();
        if (policy == RegistrationPolicy.CLOSED) {
            throw new ForbiddenException("Registration is closed on this deployment");
        }
        if (policy == RegistrationPolicy.INVITE && !invited) {
            throw new ForbiddenException("Registration on this deployment needs an invite code from a team admin");
        }
        String normalized = AccountRules.requireEmail("email", email);
        AccountRules.requirePassword(password);
        String name = AccountRules.fullName(fullName);
        Instant now = clock.instant();
        Invite invite = invited ? validInvite(inviteCode, now) : null;
        if (accounts.byEmail(normalized).isPresent()) {
            throw new ConflictException("An account with this email already exists");
        }
        String userId = SecretTokens.newId("usr_");
        TeamId team = invite != null ? invite.team() : TeamId.of("team-" + userId.substring(4));
        String role = invite != null ? invite.role() : Roles.ADMIN;
        Account account = new Account(userId, normalized, hasher.hash(password), name, team, role, mail == null, now);
        PendingVerification verification = null;
        if (mail != null) {
            String token = SecretTokens.newToken();
            verification = new PendingVerification(SecretTokens.hash(token), now.plus(settings.getVerificationTtl()));
            // sent before anything is stored: a message that cannot be sent leaves no account that can never verify
            mail.send(verificationMail(normalized, token));
        }
        accounts.create(account, invite == null ? null : invite.codeHash(), verification, now);
        return new Registered(userId, mail != null);
    }

    /** Marks the account behind the link's token verified; the token works once. */
    public String verify(String token) {
        String hash = SecretTokens.hash(token);
        Optional<String> email = hash == null ? Optional.empty() : accounts.verify(hash, clock.instant());
        return email.orElseThrow(() -> new MalformedInputException(
                "This verification link is not valid: it has expired or was used already"));
    }

    /** A single-use code for joining the admin's team with {@code role}. */
    public CreatedInvite createInvite(TeamPrincipal admin, String role) {
        if (!admin.isAdmin()) {
            throw new ForbiddenException("Only a team admin can create invites");
        }
        if (settings.getRegistration() == RegistrationPolicy.CLOSED) {
            throw new ForbiddenException("Registration is closed on this deployment, so invites cannot be used");
        }
        String granted = role == null || role.isBlank() ? Roles.MEMBER : role;
        if (!Roles.ALL.contains(granted)) {
            List<String> roles = Roles.ALL.stream().sorted().toList();
            throw new InvalidInputException("role must be one of " + roles, Map.of("role", List.of("must be one of " + roles)));
        }
        String code = SecretTokens.newToken();
        Instant expiresAt = clock.instant().plus(settings.getInviteTtl());
        String createdBy = admin.userId() != null ? admin.userId() : admin.subject();
        accounts.saveInvite(new Invite(SecretTokens.hash(code), admin.team(), granted, expiresAt, createdBy));
        return new CreatedInvite(code, admin.team(), granted, expiresAt);
    }

    public boolean verificationRequired() {
        return mail != null;
    }

    private Invite validInvite(String code, Instant now) {
        String hash = SecretTokens.hash(code);
        return Optional.ofNullable(hash).flatMap(accounts::invite).filter(invite -> !invite.expired(now))
                .orElseThrow(() -> new ForbiddenException(
                        "This invite code is not valid: it has expired or was used already"));
    }

    private Mail verificationMail(String email, String token) {
        String base = settings.getPublicUrl().replaceAll("/+$", "");
        String link = base + "/auth/verify?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return new Mail(email, "Verify your email address",
                "Open this link to verify your email address and activate your account:\n\n" + link
                        + "\n\nThe link works once and expires in " + settings.getVerificationTtl().toHours()
                        + " hours. If you did not register, ignore this message.\n");
    }
}
