package dev.athanor.aws.mail;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code athanor.mail.*}: how the platform sends its own emails. {@code sender} is {@code smtp} (SES's SMTP
 * interface in the cloud, any SMTP server elsewhere), {@code log} (the message is written to the log; the local
 * platform) or unset (no email: accounts need no verification).
 */
@ConfigurationProperties("athanor.mail")
public interface MailConfiguration {

    @Nullable
    String getSender();

    /** The From address of every message. */
    @Bindable(defaultValue = "no-reply@athanor.invalid")
    String getFrom();

    @Nullable
    String getSmtpHost();

    @Bindable(defaultValue = "587")
    int getSmtpPort();

    @Nullable
    String getSmtpUsername();

    @Nullable
    String getSmtpPassword();

    /** Upgrade the connection with STARTTLS, and refuse to send without it. On by default (SES requires it). */
    @Bindable(defaultValue = "true")
    boolean isSmtpStarttls();
}
