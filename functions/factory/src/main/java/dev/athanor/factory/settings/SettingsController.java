package dev.athanor.factory.settings;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ForbiddenException;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The caller's team's settings, for admins only (another role gets 403 and nothing is read or changed).
 * {@code POST /api/settings} and {@code PATCH /api/system/settings} both merge the given keys into the stored ones;
 * a write racing another one gets 409 and changes nothing. {@code POST /api/settings/wipe} erases the team's data.
 */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class SettingsController {

    private final SettingsService settings;
    private final TeamWipe wipe;

    SettingsController(SettingsService settings, TeamWipe wipe) {
        this.settings = settings;
        this.wipe = wipe;
    }

    @Get("/settings")
    @Tag(name = "Settings")
    @Operation(summary = "The team's settings")
    Map<String, String> get(Authentication authentication) {
        return settings.get(admin(authentication));
    }

    @Post("/settings")
    @Tag(name = "Settings")
    @Operation(summary = "Merge values into the team's settings")
    Map<String, String> update(Authentication authentication, @Body Map<String, Object> changes) {
        return settings.update(admin(authentication), changes);
    }

    @Get("/system/settings")
    @Tag(name = "System Settings")
    @Operation(summary = "The team's settings (alias of GET /api/settings)")
    Map<String, String> systemSettings(Authentication authentication) {
        return get(authentication);
    }

    @Patch("/system/settings")
    @Tag(name = "System Settings")
    @Operation(summary = "Merge values into the team's settings (alias of POST /api/settings)")
    Map<String, String> patchSystemSettings(Authentication authentication, @Body Map<String, Object> changes) {
        return update(authentication, changes);
    }

    @Post("/settings/wipe")
    @Tag(name = "Settings")
    @Operation(summary = "Erase the team's data")
    Map<String, Object> wipe(Authentication authentication) {
        List<String> erased = wipe.wipe(admin(authentication));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "wiped");
        body.put("erased", erased);
        return body;
    }

    /** The caller's team, when the caller is one of its admins. */
    private static TeamId admin(Authentication authentication) {
        TeamPrincipal principal = TeamPrincipal.of(authentication);
        if (!principal.isAdmin()) {
            throw new ForbiddenException("Only an admin may read or change the team's settings (role: "
                    + principal.role() + ")");
        }
        return principal.team();
    }
}
