package dev.athanor.core.auth.keys;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.keys.ApiKeyText;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.util.StringUtils;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Accepts API keys wherever a token is accepted ({@code Authorization: Bearer sk-ath-...} or {@code X-API-Key}).
 * It looks only at strings with the key prefix; everything else is left to the JWT validator, and JWTs never start
 * with that prefix. A key already in memory is checked on the calling thread (a hash and a compare); one that must
 * be read from the table is read on the blocking executor, never on a server's event loop.
 */
@Singleton
@Requires(property = "micronaut.security.enabled", notEquals = StringUtils.FALSE)
final class ApiKeyTokenValidator<R> implements TokenValidator<R> {

    private final ApiKeyDirectory directory;
    private final Executor blocking;

    ApiKeyTokenValidator(ApiKeyDirectory directory, @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.directory = directory;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, R request) {
        Optional<ApiKeyText.Parsed> parsed = ApiKeyText.parse(token);
        if (parsed.isEmpty()) {
            return Publishers.empty();
        }
        if (directory.isFresh(parsed.get().keyId())) {
            return authentication(token);
        }
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(
                () -> directory.authenticate(token).map(TeamPrincipal::authentication).orElse(null), blocking));
    }

    private Publisher<Authentication> authentication(String token) {
        return directory.authenticate(token).map(TeamPrincipal::authentication).map(Publishers::just)
                .orElseGet(Publishers::empty);
    }
}
