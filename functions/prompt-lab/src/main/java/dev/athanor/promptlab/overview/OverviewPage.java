package dev.athanor.promptlab.overview;

import dev.athanor.promptlab.overview.ApiOverview.Group;
import dev.athanor.promptlab.overview.ApiOverview.Overview;

/** The overview as a small HTML page for a browser: the same name, version, groups and links as the JSON. */
final class OverviewPage {

    private OverviewPage() {
    }

    static String html(Overview overview) {
        StringBuilder page = new StringBuilder(2048);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(overview.name())).append("</title>\n")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;")
                .append("line-height:1.5;color:#222}h1{margin-bottom:0}.version{color:#666;margin-top:0}")
                .append("dt{font-weight:600;margin-top:.6rem}dd{margin-left:1rem}</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(overview.name())).append("</h1>\n")
                .append("<p class=\"version\">version ").append(escape(overview.version())).append("</p>\n")
                .append("<p>").append(escape(overview.description())).append("</p>\n");
        ApiOverview.Links links = overview.links();
        page.append("<h2>Documentation</h2>\n<ul>\n");
        link(page, links.docs(), "Swagger UI", "try every operation");
        link(page, links.redoc(), "ReDoc", "read the reference");
        link(page, links.openapi(), "OpenAPI document", "for tools and code generators");
        link(page, links.health(), "Health check", "status, version and uptime");
        page.append("</ul>\n<h2>Feature groups</h2>\n<dl>\n");
        for (Group group : overview.groups()) {
            page.append("<dt>").append(escape(group.name())).append("</dt><dd>")
                    .append(escape(group.description())).append("</dd>\n");
        }
        return page.append("</dl>\n</body>\n</html>\n").toString();
    }

    private static void link(StringBuilder page, String href, String label, String what) {
        page.append("<li><a href=\"").append(escape(href)).append("\">").append(escape(label)).append("</a> (<code>")
                .append(escape(href)).append("</code>): ").append(escape(what)).append("</li>\n");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
