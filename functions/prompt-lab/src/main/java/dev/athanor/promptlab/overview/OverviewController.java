package dev.athanor.promptlab.overview;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.Collection;

/**
 * {@code GET /}: the API overview and documentation home. JSON unless the client prefers {@code text/html} (as a
 * browser does), then the same content as a page. Public, like the docs it links to.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Health")
public class OverviewController {

    private final ApiOverview overview;

    OverviewController(ApiOverview overview) {
        this.overview = overview;
    }

    @Get(produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "API overview: name, version, feature groups and links to the docs (HTML for browsers)")
    HttpResponse<?> overview(HttpRequest<?> request) {
        if (prefersHtml(request.accept())) {
            return HttpResponse.ok(OverviewPage.html(overview.overview()))
                    .contentType(MediaType.TEXT_HTML_TYPE).header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        }
        return HttpResponse.ok(overview.overview())
                .contentType(MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    }

    /** HTML when the client names {@code text/html} and does not rank {@code application/json} above it. */
    static boolean prefersHtml(Collection<MediaType> accepted) {
        BigDecimal html = quality(accepted, MediaType.TEXT_HTML);
        return html.signum() > 0 && html.compareTo(quality(accepted, MediaType.APPLICATION_JSON)) >= 0;
    }

    private static BigDecimal quality(Collection<MediaType> accepted, String name) {
        BigDecimal best = BigDecimal.ZERO;
        for (MediaType type : accepted) {
            if (type.getName().equalsIgnoreCase(name) && type.getQualityAsNumber().compareTo(best) > 0) {
                best = type.getQualityAsNumber();
            }
        }
        return best;
    }
}
