package dev.athanor.aws.mail;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.email.javamail.sender.DefaultSessionProvider;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;

import java.util.Properties;

/**
 * The JavaMail session for {@code athanor.mail.smtp-*}, in place of micronaut-email's own, so that the SMTP server
 * is configured under {@code athanor.*} like every other setting. It replaces micronaut-email's session provider
 * everywhere, as that one fails at start-up (every singleton is built then) when {@code javamail.*} is not set. With
 * no host the session is never used: {@link SmtpMailSender} exists only when {@code athanor.mail.sender} is smtp.
 */
@Singleton
@Replaces(DefaultSessionProvider.class)
public class SmtpSession implements SessionProvider {

    private static final String TIMEOUT_MS = "10000";

    private final Session session;

    public SmtpSession(MailConfiguration configuration) {
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        if (configuration.getSmtpHost() != null) {
            properties.put("mail.smtp.host", configuration.getSmtpHost());
        }
        properties.put("mail.smtp.port", Integer.toString(configuration.getSmtpPort()));
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        properties.put("mail.smtp.timeout", TIMEOUT_MS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MS);
        if (configuration.isSmtpStarttls()) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        String username = configuration.getSmtpUsername();
        Authenticator authenticator = null;
        if (username != null && !username.isBlank()) {
            properties.put("mail.smtp.auth", "true");
            String password = configuration.getSmtpPassword() == null ? "" : configuration.getSmtpPassword();
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(username, password);
                }
            };
        }
        this.session = Session.getInstance(properties, authenticator);
    }

    @Override
    public Session session() {
        return session;
    }
}
