package dev.athanor.aws.mail;

import dev.athanor.model.accounts.Mail;
import dev.athanor.model.accounts.MailSender;
import dev.athanor.model.error.UnavailableException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.email.BodyType;
import io.micronaut.email.Email;
import io.micronaut.email.EmailException;
import io.micronaut.email.javamail.sender.JavaxEmailSender;
import jakarta.inject.Singleton;

/** Sends through an SMTP server with micronaut-email's JavaMail sender, on the session {@link SmtpSession} opens. */
@Singleton
@Requires(property = "athanor.mail.sender", value = "smtp")
public class SmtpMailSender implements MailSender {

    private final JavaxEmailSender sender;
    private final MailConfiguration configuration;

    public SmtpMailSender(JavaxEmailSender sender, MailConfiguration configuration) {
        if (configuration.getSmtpHost() == null || configuration.getSmtpHost().isBlank()) {
            throw new IllegalStateException("athanor.mail.sender is smtp but athanor.mail.smtp-host is not set");
        }
        this.sender = sender;
        this.configuration = configuration;
    }

    @Override
    public void send(Mail mail) {
        try {
            sender.send(Email.builder()
                    .from(configuration.getFrom())
                    .to(mail.to())
                    .subject(mail.subject())
                    .body(mail.text(), BodyType.TEXT)
                    .build());
        } catch (EmailException | IllegalStateException e) {
            // the server's answer may name hosts and users: it goes to the log, not to the caller
            throw new UnavailableException("The email could not be sent; try again later", e);
        }
    }
}
