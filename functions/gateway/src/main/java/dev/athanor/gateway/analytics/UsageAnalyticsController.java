package dev.athanor.gateway.analytics;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.error.InvalidInputException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Seed 001's usage analytics: record a client's call, read one user's usage per model. */
@Controller("/v1/analytics")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = UsageAnalytics.class)
@Tag(name = "Analytics")
public class UsageAnalyticsController {

    private final UsageAnalytics analytics;
    private final UsageReportParser parser;
    private final JsonMapper json;
    private final Clock clock;

    UsageAnalyticsController(UsageAnalytics analytics, UsageReportParser parser, JsonMapper json, Clock clock) {
        this.analytics = analytics;
        this.parser = parser;
        this.json = json;
        this.clock = clock;
    }

    @Post("/usage")
    @Operation(summary = "Record a call's token usage for a user of the team (members and admins)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UsageReportBody.class)))
    AnalyticsViews.Recorded record(Authentication authentication, HttpRequest<?> request) {
        TeamPrincipal caller = TeamPrincipal.of(authentication);
        UsageAnalytics.Recorded recorded = analytics.record(caller, parser.parse(RequestFields.read(json, request)));
        return new AnalyticsViews.Recorded(true, recorded.usageId(), recorded.quotaRemaining());
    }

    @Get("/user/{user_id}")
    @Operation(summary = "A user's token usage per model over a period (the user themselves, or a team admin)")
    AnalyticsViews.UserAnalytics user(Authentication authentication, @PathVariable("user_id") String userId,
            @Parameter(description = "ISO 8601 date or date-time; default: the first day of the end's month")
            @Nullable @QueryValue("start_date") String startDate,
            @Parameter(description = "ISO 8601 date or date-time, included; default: the end of the current UTC month")
            @Nullable @QueryValue("end_date") String endDate,
            @Parameter(description = "Only this model's calls") @Nullable @QueryValue String model) {
        check("user_id", userId);
        String onlyModel = model == null || model.isEmpty() ? null : model;
        if (onlyModel != null) {
            check("model", onlyModel);
        }
        AnalyticsPeriod period = AnalyticsPeriod.of(startDate, endDate, clock);
        return AnalyticsViews.UserAnalytics.of(analytics.user(TeamPrincipal.of(authentication), userId, period,
                onlyModel));
    }

    private static void check(String name, String value) {
        String problem = UserIds.problem(value);
        if (problem != null) {
            throw new InvalidInputException(name + " " + problem, Map.of(name, List.of(problem)));
        }
    }
}
