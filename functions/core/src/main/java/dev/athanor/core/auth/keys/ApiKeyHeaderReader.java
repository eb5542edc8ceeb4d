package dev.athanor.core.auth.keys;

import dev.athanor.core.auth.Credentials;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Reads an API key sent as {@code X-API-Key: sk-ath-...}, for clients that cannot set an Authorization header. */
@Singleton
@Requires(property = "micronaut.security.enabled", notEquals = StringUtils.FALSE)
final class ApiKeyHeaderReader implements TokenReader<HttpRequest<?>> {

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        return Optional.ofNullable(request.getHeaders().get(Credentials.API_KEY_HEADER)).map(String::trim).filter(s -> !s.isEmpty());
    }
}
