package dev.athanor.testkit.git;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers every request of the catch-all stub from the hosts' state: the path's prefix says which host is asked
 * ({@code /api/v4} GitLab, {@code /api/v1} Gitea, {@code /api/v3} GitHub Enterprise, anything else GitHub as
 * api.github.com), and that host's wire answers it.
 */
final class FakeHostTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "athanor-git-hosts";

    private final FakeHostState state;
    private final FakeHostWire github = new GithubWire();
    private final FakeHostWire gitlab = new GitlabWire();
    private final FakeHostWire gitea = new GiteaWire();

    FakeHostTransformer(FakeHostState state) {
        this.state = state;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        URI absolute = URI.create(request.getAbsoluteUrl());
        String webRoot = absolute.getScheme() + "://" + absolute.getRawAuthority();
        String path = absolute.getRawPath();
        FakeHostWire wire = github;
        String prefix = "";
        if (path.startsWith("/api/v4/")) {
            wire = gitlab;
            prefix = "/api/v4";
        } else if (path.startsWith("/api/v1/")) {
            wire = gitea;
            prefix = "/api/v1";
        } else if (path.startsWith("/api/v3/")) {
            prefix = "/api/v3";
        }
        FakeRequest fake = FakeRequest.of(request.getMethod().getName(), path.substring(prefix.length()),
                wire.token(request), request.getBodyAsString(), webRoot, webRoot + prefix);
        FakeAnswer answer;
        synchronized (state) {
            FakeHostWire chosen = wire;
            answer = state.takeFailure()
                    .map(status -> status == 429
                            ? chosen.failure(status, fake).withHeader("Retry-After", "60")
                            : chosen.failure(status, fake))
                    .orElseGet(() -> chosen.handle(fake, state));
        }
        return response(answer);
    }

    private static ResponseDefinition response(FakeAnswer answer) {
        List<HttpHeader> headers = new ArrayList<>();
        headers.add(new HttpHeader("Content-Type", "application/json; charset=utf-8"));
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            headers.add(new HttpHeader(header.getKey(), header.getValue()));
        }
        ResponseDefinitionBuilder builder = new ResponseDefinitionBuilder()
                .withStatus(answer.status())
                .withHeaders(new HttpHeaders(headers));
        if (answer.body() != null) {
            builder.withBody(FakeJson.write(answer.body()));
        }
        return builder.build();
    }
}
