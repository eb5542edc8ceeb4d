package dev.athanor.testkit.git;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Basic authentication as Git hosts ask for it over https: no or wrong credentials get a 401 with a
 * {@code WWW-Authenticate} challenge (without it Git clients do not retry with credentials); the token of a known user
 * goes on to the repository as a request attribute.
 */
final class BasicAuthFilter implements Filter {

    static final String TOKEN_ATTRIBUTE = "dev.athanor.testkit.git.token";

    private final GitAccess access;

    BasicAuthFilter(GitAccess access) {
        this.access = access;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String token = token(http.getHeader("Authorization"));
        if (token == null) {
            HttpServletResponse answer = (HttpServletResponse) response;
            answer.setHeader("WWW-Authenticate", "Basic realm=\"Git\"");
            answer.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Authentication failed");
            return;
        }
        http.setAttribute(TOKEN_ATTRIBUTE, token);
        chain.doFilter(request, response);
    }

    /** The token of valid Basic credentials, or null. */
    private String token(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String username = decoded.substring(0, colon);
        String token = decoded.substring(colon + 1);
        return access.authenticates(username, token) ? token : null;
    }
}
