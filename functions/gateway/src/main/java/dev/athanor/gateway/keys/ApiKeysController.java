package dev.athanor.gateway.keys;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.auth.keys.ApiKeys;
import dev.athanor.core.auth.keys.NewApiKey;
import dev.athanor.core.http.Paging;
import dev.athanor.core.http.RequestFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.util.List;

/**
 * {@code /auth/keys}: the caller's team's API keys. A key's text is in the creation's answer only; lists and reads
 * show its fields. Rules on who may do what are {@link ApiKeys}'s.
 */
@Controller("/auth/keys")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Authentication")
public class ApiKeysController {

    private final ApiKeys keys;
    private final JsonMapper json;
    private final Clock clock;

    ApiKeysController(ApiKeys keys, JsonMapper json, Clock clock) {
        this.keys = keys;
        this.json = json;
        this.clock = clock;
    }

    @Post
    @Operation(summary = "Create an API key; the answer holds the key itself, shown this once",
            description = "Body: name (required), role (admin, member or viewer; default member; a member may ask for"
                    + " at most member), expires_at (ISO-8601, future), allowed_models (model ids), budget_usd (> 0)"
                    + " and budget_period (day or month, default month), requests_per_minute, tokens_per_minute.")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ApiKeyViews.Created.class)))
    @ApiResponse(responseCode = "403", description = "The caller's role may not create this key")
    @ApiResponse(responseCode = "422", description = "A field is missing or wrong (named in detail)")
    HttpResponse<ApiKeyViews.Created> create(Authentication authentication, HttpRequest<?> request) {
        NewApiKey asked = NewApiKey.read(RequestFields.read(json, request), clock.instant());
        ApiKeys.Created created = keys.create(TeamPrincipal.of(authentication), asked);
        return HttpResponse.<ApiKeyViews.Created>status(HttpStatus.CREATED)
                .body(ApiKeyViews.Created.of(created.key(), created.text(), clock.instant()));
    }

    @Get
    @Operation(summary = "List the team's API keys, newest first (revoked ones included)")
    @ApiResponse(responseCode = "200", description = "A page of keys; X-Next-Cursor and Link name the next page")
    HttpResponse<List<ApiKeyViews.View>> list(Authentication authentication, HttpRequest<?> request,
                                              @Parameter(description = Paging.LIMIT_TEXT)
                                              @Nullable @QueryValue(Paging.LIMIT) String limit,
                                              @Parameter(description = Paging.CURSOR_TEXT)
                                              @Nullable @QueryValue(Paging.CURSOR) String cursor) {
        var page = keys.list(TeamPrincipal.of(authentication), Paging.request(limit, cursor))
                .map(key -> ApiKeyViews.View.of(key, clock.instant()));
        return Paging.ok(request, page);
    }

    @Get("/{key_id}")
    @Operation(summary = "Read an API key's fields (never the key itself)")
    @ApiResponse(responseCode = "404", description = "No such key in the caller's team")
    ApiKeyViews.View get(Authentication authentication, @PathVariable("key_id") String keyId) {
        return ApiKeyViews.View.of(keys.get(TeamPrincipal.of(authentication), keyId), clock.instant());
    }

    @Delete("/{key_id}")
    @Operation(summary = "Revoke an API key",
            description = "Every instance refuses it within athanor.auth.api-keys.cache-ttl (5 s). Revoking again"
                    + " changes nothing. Admins revoke any key of the team; a member the keys their account created.")
    @ApiResponse(responseCode = "200", description = "The key as revoked")
    @ApiResponse(responseCode = "403", description = "The caller may not revoke this key")
    @ApiResponse(responseCode = "404", description = "No such key in the caller's team")
    ApiKeyViews.View revoke(Authentication authentication, @PathVariable("key_id") String keyId) {
        return ApiKeyViews.View.of(keys.revoke(TeamPrincipal.of(authentication), keyId), clock.instant());
    }
}
