package dev.athanor.orchestrator.execution;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.AgentFile;
import dev.athanor.orchestrator.agents.ConfigFiles;
import dev.athanor.orchestrator.routing.OrchestratorAgentsConfiguration;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The context a task's {@code files} and {@code workspace} select from the team's stored agent files: the files whose
 * path, relative to the workspace folder, matches one of the glob patterns ({@code src/**}{@code /*.py}; a
 * {@code **}{@code /} also matches no folder at all), in path order, whole, while they fit the token budget (about 4
 * characters a token). A file that does not fit is left out and named, as is every file past the budget.
 */
@Singleton
public class ContextFiles {

    /** More stored files than this are not looked at. */
    static final int MAX_FILES = 2000;

    /** What was selected: the text to give the agent, and the paths put in and left out. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Selection(List<String> included, List<String> skipped, int tokens) {
        static final Selection NONE = new Selection(List.of(), List.of(), 0);
    }

    /** The selection with the files' text. */
    public record Context(String text, Selection selection) {
        static final Context NONE = new Context("", Selection.NONE);
    }

    private final ConfigFiles files;
    private final OrchestratorAgentsConfiguration config;

    ContextFiles(ConfigFiles files, OrchestratorAgentsConfiguration config) {
        this.files = files;
        this.config = config;
    }

    /** The workspace as a folder prefix ({@code ""} for the root, else ending in {@code /}). */
    static String folder(@Nullable String workspace) {
        String folder = workspace == null ? "" : workspace.strip().replace('\\', '/');
        while (folder.startsWith("./")) {
            folder = folder.substring(2);
        }
        if (folder.equals(".")) {
            folder = "";
        }
        while (folder.endsWith("/")) {
            folder = folder.substring(0, folder.length() - 1);
        }
        return folder.isEmpty() ? "" : folder + "/";
    }

    public Context select(TeamId team, List<String> patterns, @Nullable String workspace) {
        if (patterns.isEmpty()) {
            return Context.NONE;
        }
        String folder = folder(workspace);
        List<PathMatcher> matchers = new ArrayList<>();
        for (String pattern : patterns) {
            String glob = pattern.strip();
            while (glob.startsWith("./")) {
                glob = glob.substring(2);
            }
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            if (glob.contains("**/")) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.replace("**/", "")));
            }
        }
        int budget = config.getContextTokens() * 4;
        StringBuilder text = new StringBuilder();
        List<String> included = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (AgentFile file : files.index(team, MAX_FILES)) {
            if (!file.path().startsWith(folder)) {
                continue;
            }
            Path relative = Path.of(file.path().substring(folder.length()));
            if (matchers.stream().noneMatch(m -> m.matches(relative))) {
                continue;
            }
            String content;
            try {
                content = new String(files.get(team, file.path()).content(), StandardCharsets.UTF_8);
            } catch (NotFoundException deleted) {
                continue;
            }
            String block = "--- " + file.path() + " ---\n" + content + "\n";
            if (text.length() + block.length() > budget) {
                skipped.add(file.path());
                continue;
            }
            text.append(block);
            included.add(file.path());
        }
        return new Context(text.toString(), new Selection(included, skipped, (text.length() + 3) / 4));
    }
}
