package dev.athanor.promptlab.git;

import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a project's files live in its repository: {@code <root>/<project name>/} (the name percent-encoded where it
 * is not a plain path segment: {@code "a b"} is {@code a%20b}) holding
 * <ul>
 *   <li>{@code prompt.json}: the production prompt, in the {@code /prompt/...} API's camelCase shape;</li>
 *   <li>{@code settings.json}: the test settings, in the {@code test-settings} API's snake_case shape;</li>
 *   <li>{@code project.json}: the project's name, model and description;</li>
 *   <li>{@code history/<time>-<kind>-<history id>.json}: one file per promotion (what was promoted, by whom, why),
 *       so two promotions open at once never touch the same file.</li>
 * </ul>
 */
@Singleton
public class RepoLayout {

    public static final String PROMPT = "prompt.json";
    public static final String SETTINGS = "settings.json";
    public static final String PROJECT = "project.json";
    public static final String HISTORY = "history";

    private final String root;

    RepoLayout(PromptGitConfiguration configuration) {
        this.root = configuration.getRootFolder().replaceAll("^/+|/+$", "");
    }

    /** The project's folder, without a trailing slash. */
    public String folder(String projectName) {
        String segment = URLEncoder.encode(projectName, StandardCharsets.UTF_8).replace("+", "%20");
        if (segment.equals(".") || segment.equals("..")) {
            segment = segment.replace(".", "%2E");
        }
        return root.isEmpty() ? segment : root + "/" + segment;
    }

    public String file(String projectName, String file) {
        return folder(projectName) + "/" + file;
    }
}
