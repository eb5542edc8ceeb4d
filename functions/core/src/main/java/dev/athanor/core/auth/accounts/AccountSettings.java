package dev.athanor.core.auth.accounts;

import dev.athanor.model.accounts.RegistrationPolicy;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** {@code athanor.auth.*} settings of accounts: who may register, token lifetimes, login throttling. */
@ConfigurationProperties("athanor.auth")
public interface AccountSettings {

    /** {@code closed} (the default), {@code open} or {@code invite}. */
    @Bindable(defaultValue = "closed")
    RegistrationPolicy getRegistration();

    /** Lifetime of an account's access token (and of its session cookie). */
    @Bindable(defaultValue = "1h")
    Duration getAccessTokenTtl();

    /** Lifetime of a refresh token; each rotation issues one that lives this long again. */
    @Bindable(defaultValue = "30d")
    Duration getRefreshTokenTtl();

    @Bindable(defaultValue = "7d")
    Duration getInviteTtl();

    @Bindable(defaultValue = "2d")
    Duration getVerificationTtl();

    /** The surface's public base URL, which verification links point at; required when email is sent. */
    @Nullable
    String getPublicUrl();

    /** Failed logins in a row an account or an address may have before it has to wait. */
    @Bindable(defaultValue = "5")
    int getLoginFreeFailures();

    /** The first wait; each further failure doubles it. */
    @Bindable(defaultValue = "2s")
    Duration getLoginBaseDelay();

    @Bindable(defaultValue = "15m")
    Duration getLoginMaxDelay();

    /** Failures older than this (counted from the last one) are forgotten. */
    @Bindable(defaultValue = "1h")
    Duration getLoginFailureWindow();
}
