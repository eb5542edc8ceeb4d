package dev.athanor.testkit.git;

import com.github.tomakehurst.wiremock.http.Request;

/** One host's API in the fake: which token a request carries, and the answer to it. */
interface FakeHostWire {

    /** The token the request carries in this host's way, or null when none. */
    String token(Request request);

    /** Answers a request; the caller holds the state's lock. */
    FakeAnswer handle(FakeRequest request, FakeHostState state);

    /** A failure of the host itself, in its error shape, for {@link GitHostFake#failNext(int)}. */
    FakeAnswer failure(int status, FakeRequest request);

    static String header(Request request, String name) {
        return request.containsHeader(name) ? request.getHeader(name) : null;
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }
}
