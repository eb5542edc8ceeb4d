package dev.athanor.model.accounts;

/** Sends the platform's own emails (verification links). Exists only where a sender is configured. */
public interface MailSender {

    void send(Mail mail);
}
