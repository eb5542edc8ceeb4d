package dev.athanor.promptlab.git;

import dev.athanor.core.auth.session.CsrfExempt;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Where GitHub, GitLab and Gitea post a team's pull request and push events. No token: a delivery is authenticated
 * by its host's signature under the team's webhook secret ({@code POST /api/git/webhook-secret}), so the route is
 * open at the security layer and exempt from the session's CSRF check. The body is read as the exact bytes signed.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(beans = GitWebhooks.class)
@Tag(name = "Git")
public class GitWebhookController {

    static final String PATH = "/api/git/webhooks/{team_id}";

    private final GitWebhooks webhooks;

    GitWebhookController(GitWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Post(PATH)
    @CsrfExempt
    @Operation(summary = "Receive a Git host's webhook delivery (pull/merge request merged or closed, push)")
    HttpResponse<GitWebhooks.Delivered> deliver(@PathVariable("team_id") String teamId, HttpRequest<?> request) {
        GitWebhooks.Delivered delivered = webhooks.deliver(teamId, request.getHeaders(), body(request));
        return delivered.applied() ? HttpResponse.ok(delivered) : HttpResponse.accepted().body(delivered);
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
