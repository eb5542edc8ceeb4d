package dev.athanor.factory;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * Two ways a factory route answers 403, present only in tests that ask for them: security refuses a role the route
 * does not allow, or the route refuses the call itself.
 */
@Controller("/test/refusing")
@Requires(property = "test.refusing-routes", value = "true")
class RefusingRoutes {

    @Get("/admin-only")
    @Secured("admin")
    String adminOnly() {
        return "ok";
    }

    @Get("/refused")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    String refused() {
        throw new HttpStatusException(HttpStatus.FORBIDDEN, "Not for this caller");
    }
}
