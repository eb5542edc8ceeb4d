package dev.athanor.git.host;

import dev.athanor.model.git.GitPlatform;

import java.util.Map;

/**
 * One host's REST API as reached with one token: where it is ({@code apiBase}, no trailing slash), the headers every
 * call carries (the credential among them) and the token itself, kept only to mask it in what the host answers.
 */
record HostEndpoint(GitPlatform platform, String apiBase, Map<String, String> headers, String token) {

    HostEndpoint {
        headers = Map.copyOf(headers);
    }

    String hostName() {
        return platform.displayName();
    }

    @Override
    public String toString() {
        return "HostEndpoint[" + platform.wireName() + ", " + apiBase + "]";
    }
}
