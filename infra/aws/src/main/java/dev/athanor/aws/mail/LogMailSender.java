package dev.athanor.aws.mail;

import dev.athanor.model.accounts.Mail;
import dev.athanor.model.accounts.MailSender;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each message to the log instead of sending it: on a laptop the verification link is printed where the
 * person running the platform reads it. Never configured in the cloud, where the log is not the recipient's.
 */
@Singleton
@Requires(property = "athanor.mail.sender", value = "log")
public class LogMailSender implements MailSender {

    private static final Logger LOG = LoggerFactory.getLogger(LogMailSender.class);

    @Override
    public void send(Mail mail) {
        LOG.info("Email to {}: {}\n{}", mail.to(), mail.subject(), mail.text());
    }
}
