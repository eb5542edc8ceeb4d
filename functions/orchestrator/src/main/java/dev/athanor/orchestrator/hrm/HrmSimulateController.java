package dev.athanor.orchestrator.hrm;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.RequestFields;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The predicted impact of an HRM config change (6.8), estimated on the caller's team's task history. */
@Controller("/api/hrm/simulate")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = HrmSimulations.class)
@Tag(name = "HRM")
public class HrmSimulateController {

    private final HrmSimulations simulations;
    private final JsonMapper json;

    HrmSimulateController(HrmSimulations simulations, JsonMapper json) {
        this.simulations = simulations;
        this.json = json;
    }

    @Post
    @Operation(summary = "Predict the cost, speed, quality and tokens of a proposed HRM config against the current "
            + "one by replaying the team's tasks of the last 90 days")
    SimulationView simulate(Authentication authentication, HttpRequest<?> request) {
        return simulations.simulate(TeamPrincipal.of(authentication).team(), RequestFields.read(json, request));
    }
}
