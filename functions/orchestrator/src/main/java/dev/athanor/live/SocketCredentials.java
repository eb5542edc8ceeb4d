package dev.athanor.live;

import dev.athanor.core.auth.TeamPrincipal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Checks a socket client's credential outside any HTTP request (API Gateway's {@code $connect} event is not one) with
 * the same validators every route uses: signed tokens and API keys. The first validator that accepts it decides.
 */
@Singleton
@Requires(property = "micronaut.security.enabled", notEquals = StringUtils.FALSE)
class SocketCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(SocketCredentials.class);
    /** An API key not in memory is read from its table; well within the function's timeout. */
    private static final long WAIT_SECONDS = 5;

    private final List<TokenValidator<?>> validators;

    SocketCredentials(List<TokenValidator<?>> validators) {
        this.validators = validators;
    }

    /** Who the credential stands for, or empty when no validator accepts it (or it names no team). */
    Optional<TeamPrincipal> authenticate(String credential) {
        for (TokenValidator<?> validator : validators) {
            Optional<Authentication> authentication = first(validator.validateToken(credential, null));
            if (authentication.isPresent()) {
                try {
                    return Optional.of(TeamPrincipal.of(authentication.get()));
                } catch (RuntimeException noTeam) {
                    LOG.debug("A socket credential was valid but names no team");
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The publisher's first item, waited for (validators answer at once, or after one table read). */
    private static Optional<Authentication> first(Publisher<Authentication> publisher) {
        CompletableFuture<Authentication> result = new CompletableFuture<>();
        publisher.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(Authentication authentication) {
                result.complete(authentication);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                result.complete(null);
            }
        });
        try {
            return Optional.ofNullable(result.get(WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking a socket credential", e);
        } catch (Exception e) {
            throw new IllegalStateException("A socket credential could not be checked", e);
        }
    }
}
