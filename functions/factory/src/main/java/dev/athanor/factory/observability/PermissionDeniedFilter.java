package dev.athanor.factory.observability;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.activity.ActivityEntry;
import dev.athanor.model.activity.ActivityLog;
import dev.athanor.model.error.DomainException;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Records every 403 the factory answers in the caller's team's activity log as {@code permission_denied}, with the
 * method, path and role, whether security refused the route or the route itself refused the call. It runs before
 * security, so its response step sees security's refusals too. A refusal without a team (no token) is not recorded:
 * there is no team to record it for. Recording is best effort: when the log cannot be written the 403 still goes out.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class PermissionDeniedFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(PermissionDeniedFilter.class);

    private final ActivityLog log;
    private final Clock clock;

    PermissionDeniedFilter(ActivityLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void recordRefusal(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() != HttpStatus.FORBIDDEN.getCode()) {
            return;
        }
        Optional<TeamPrincipal> caller = request.getUserPrincipal(Authentication.class)
                .flatMap(PermissionDeniedFilter::principal);
        if (caller.isEmpty()) {
            return;
        }
        TeamPrincipal principal = caller.get();
        String detail = request.getMethodName() + " " + request.getPath() + " refused for role " + principal.role();
        ActivityEntry entry = new ActivityEntry("denied-" + UUID.randomUUID(), clock.instant(),
                FactoryActivity.PERMISSION_DENIED, null, null, "denied", detail, null, null);
        try {
            log.append(principal.team(), entry);
        } catch (RuntimeException e) {
            LOG.warn("Could not record a refused call in the activity log: {}", detail, e);
        }
    }

    private static Optional<TeamPrincipal> principal(Authentication authentication) {
        try {
            return Optional.of(TeamPrincipal.of(authentication));
        } catch (DomainException noTeam) {
            return Optional.empty();
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
