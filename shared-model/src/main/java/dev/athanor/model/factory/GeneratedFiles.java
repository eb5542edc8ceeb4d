package dev.athanor.model.factory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what an agent answered: files in fenced code blocks whose info string names the path
 * (<code>```dart path=source/lib/main.dart</code>), and a verdict line ({@code VERDICT: PASS|FAIL|FLAG}).
 * Paths outside {@code source/} and {@code docs/}, or not plain, are dropped: an agent cannot write elsewhere.
 */
public final class GeneratedFiles {

    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String FLAG = "flag";

    private static final Pattern BLOCK = Pattern.compile(
            "^```[^\\n`]*?\\bpath=\"?([^\\s\"`]+)\"?[^\\n]*\\n(.*?)^```[ \\t]*$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern VERDICT = Pattern.compile("^\\W*VERDICT\\W*[:=]\\s*\\**\\s*(PASS|FAIL|FLAG)\\b",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

    private static final Pattern LESSON = Pattern.compile("^\\W*LESSON\\W*[:=]\\s*(.{3,500}?)\\s*$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

    private GeneratedFiles() {
    }

    /** The lessons the answer proposes to remember ({@code LESSON: ...} lines), without repeats. */
    public static java.util.List<String> lessons(String answer) {
        java.util.Set<String> lessons = new java.util.LinkedHashSet<>();
        Matcher m = LESSON.matcher(answer == null ? "" : answer);
        while (m.find()) {
            lessons.add(m.group(1).strip());
        }
        return java.util.List.copyOf(lessons);
    }

    /** The files of the answer, path to content, in the order given; a later block for a path wins. */
    public static Map<String, String> files(String answer) {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(answer == null ? "" : answer);
        while (m.find()) {
            String path = m.group(1);
            if (ArtifactPaths.isAllowed(path)) {
                files.put(path, m.group(2));
            }
        }
        return files;
    }

    /** The last verdict line of the answer in lower case, or {@code pass} when it has none. */
    public static String verdict(String answer) {
        Matcher m = VERDICT.matcher(answer == null ? "" : answer);
        String verdict = PASS;
        while (m.find()) {
            verdict = m.group(1).toLowerCase(Locale.ROOT);
        }
        return verdict;
    }

    /** The first non-empty line of the answer without markdown marks, at most {@code max} characters. */
    public static String summary(String answer, int max) {
        for (String line : (answer == null ? "" : answer).split("\\R")) {
            String text = line.replaceAll("^[#>*\\-\\s]+", "").strip();
            if (!text.isEmpty() && !text.startsWith("```")) {
                return text.length() <= max ? text : text.substring(0, max - 1) + "…";
            }
        }
        return "";
    }
}
