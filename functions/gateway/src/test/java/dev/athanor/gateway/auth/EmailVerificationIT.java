package dev.athanor.gateway.auth;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.athanor.gateway.auth.AuthClient.PASSWORD;
import static dev.athanor.gateway.auth.AuthClient.email;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With an SMTP sender configured (GreenMail, a real SMTP server), registration sends a verification link; the
 * account cannot log in until the link is opened, and the link works once.
 */
@ExtendWith(LocalStackExtension.class)
class EmailVerificationIT {

    private static final Pattern LINK = Pattern.compile("https://gateway\\.example\\.com/stage/auth/verify\\?token=(\\S+)");

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withPerMethodLifecycle(false);

    private static LambdaHttp gateway;
    private static AuthClient auth;

    @BeforeAll
    static void start() {
        gateway = LambdaHttp.start("GatewayFunction", Map.of(
                "athanor.auth.registration", "open",
                "athanor.auth.public-url", "https://gateway.example.com/stage/",
                "athanor.mail.sender", "smtp",
                "athanor.mail.from", "accounts@example.com",
                "athanor.mail.smtp-host", "127.0.0.1",
                "athanor.mail.smtp-port", SMTP.getSmtp().getPort(),
                "athanor.mail.smtp-starttls", false));
        auth = new AuthClient(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void registration_mails_a_link_that_verifies_the_account_once() throws Exception {
        String email = email("verify");

        LambdaHttp.Response registered = auth.register(email, PASSWORD);

        assertEquals(200, registered.status(), registered.body());
        assertEquals(true, registered.get("verification_required"));
        MimeMessage mail = Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> recipient(m).equals(email)).findFirst().orElseThrow();
        assertEquals("Verify your email address", mail.getSubject());
        assertEquals("accounts@example.com", mail.getFrom()[0].toString());
        Matcher link = LINK.matcher(GreenMailUtil.getBody(mail));
        assertTrue(link.find(), GreenMailUtil.getBody(mail));

        LambdaHttp.Response unverified = auth.login(email, PASSWORD);
        assertEquals(403, unverified.status(), unverified.body());
        assertEquals("Email not verified: open the link sent to " + email + " to verify it, then log in",
                unverified.get("detail"));

        String token = URI.create(link.group(0)).getQuery().substring("token=".length());
        LambdaHttp.Response verified = gateway.send(request("GET", "/auth/verify").query("token", token));
        assertEquals(200, verified.status(), verified.body());
        assertEquals(Map.of("message", "Email verified; you can log in now", "email", email, "verified", true),
                verified.map());
        assertEquals(200, auth.login(email, PASSWORD).status());

        LambdaHttp.Response again = gateway.send(request("GET", "/auth/verify").query("token", token));
        assertEquals(400, again.status(), again.body());
        assertEquals("This verification link is not valid: it has expired or was used already", again.get("detail"));
    }

    @Test
    void a_made_up_verification_token_is_400() {
        LambdaHttp.Response response = gateway.send(request("GET", "/auth/verify").query("token", "made-up"));

        assertEquals(400, response.status(), response.body());
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
