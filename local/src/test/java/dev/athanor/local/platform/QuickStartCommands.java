package dev.athanor.local.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code curl} commands of the prompt lab document's Quick Start, read from its code blocks. */
final class QuickStartCommands {

    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL);
    /** Git sign-in, which checks the token with github.com, gitlab.com and the document's example servers. */
    private static final List<String> GIT_WORKFLOW = List.of("/api/git/auth");

    private QuickStartCommands() {
    }

    /** Every code block that is a curl command and not a Git sign-in, as written, in document order. */
    static List<String> withoutGitSignIn(String quickStart) {
        List<String> commands = new ArrayList<>();
        Matcher block = BASH_BLOCK.matcher(quickStart);
        while (block.find()) {
            String command = block.group(1).strip();
            if (command.startsWith("curl ") && GIT_WORKFLOW.stream().noneMatch(command::contains)) {
                commands.add(command);
            }
        }
        return commands;
    }

    /**
     * The command as its author meant it. Inside single quotes a shell takes {@code \} literally and ends the string
     * at the next {@code '}, so the document's {@code Here\'s} leaves the quote open; {@code '\''} is how a shell
     * writes that apostrophe.
     */
    static String asMeant(String command) {
        return command.replace("\\'", "'\\''");
    }
}
