package dev.athanor.orchestrator.github;

import dev.athanor.core.auth.session.CsrfExempt;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Where GitHub posts a project's issue events. No token: the delivery is authenticated by its signature (and the
 * hook id in its URL), so the route is open at the security layer and exempt from the session's CSRF check. The
 * body is read as the exact bytes GitHub signed; its size is held to the surface's limit like any other body.
 */
@Controller("/api/webhooks/github")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(beans = GithubDeliveries.class)
@Tag(name = "GitHub")
public class GithubDeliveryController {

    private final GithubDeliveries deliveries;

    GithubDeliveryController(GithubDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Post("/{hook_id}")
    @CsrfExempt
    @Operation(summary = "Receive a GitHub webhook delivery signed with X-Hub-Signature-256: an opened, reopened or "
            + "labeled issue becomes a task (201; 200 when the issue has one), a ping is answered, other events are "
            + "ignored (202)")
    HttpResponse<?> deliver(@PathVariable("hook_id") String hookId, HttpRequest<?> request) {
        DeliveryAnswers.Answer answer = deliveries.deliver(hookId,
                request.getHeaders().get(DeliverySignature.HEADER), request.getHeaders().get("X-GitHub-Event"),
                request.getHeaders().get("X-GitHub-Delivery"), body(request));
        return HttpResponse.status(answer.status()).body(answer.body());
    }

    private static byte[] body(HttpRequest<?> request) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return new byte[0];
        }
        try (CloseableAvailableByteBody body = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)
                .buffer().join()) {
            return body.toByteArray();
        }
    }
}
