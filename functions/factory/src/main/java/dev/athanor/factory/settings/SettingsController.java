package dev.athanor.factory.settings;

import dev.athanor.core.auth.TeamPrincipal;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.Map;

/**
 * The caller's team's settings. {@code POST /api/settings} and {@code PATCH /api/system/settings} both merge the
 * given keys into the stored ones; a write racing another one gets 409 and changes nothing.
 */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class SettingsController {

    private final SettingsService settings;

    SettingsController(SettingsService settings) {
        this.settings = settings;
    }

    @Get("/settings")
    Map<String, String> get(Authentication authentication) {
        return settings.get(TeamPrincipal.of(authentication).team());
    }

    @Post("/settings")
    Map<String, String> update(Authentication authentication, @Body Map<String, Object> changes) {
        return settings.update(TeamPrincipal.of(authentication).team(), changes);
    }

    @Get("/system/settings")
    Map<String, String> systemSettings(Authentication authentication) {
        return get(authentication);
    }

    @Patch("/system/settings")
    Map<String, String> patchSystemSettings(Authentication authentication, @Body Map<String, Object> changes) {
        return update(authentication, changes);
    }
}
