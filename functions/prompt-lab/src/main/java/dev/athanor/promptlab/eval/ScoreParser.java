package dev.athanor.promptlab.eval;

import dev.athanor.model.promptlab.Evaluation.Score;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a judge's answer: a score from 1 to 10 and a reason. Judges are asked for {@code Score: <n>} and
 * {@code Reason: <text>}, but models wander, so also {@code "score": 7} (JSON), {@code 7/10}, {@code Rating: 7} and
 * an answer that starts with the number are read. Anything outside 1-10 is no score.
 */
public final class ScoreParser {

    private static final String NUMBER = "(\\d{1,2}(?:\\.\\d+)?)";
    private static final Pattern LABELLED = Pattern.compile(
            "(?:\\bscore|\\brating)\\s*\"?\\s*[:=]\\s*\\**\\s*" + NUMBER + "(?!\\d)(?:\\s*/\\s*10)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OUT_OF_TEN = Pattern.compile("(?<![\\d.])" + NUMBER + "\\s*/\\s*10(?!\\d)");
    private static final Pattern LEADING = Pattern.compile("^\\s*\\**\\s*" + NUMBER + "(?![\\d/])");
    private static final Pattern REASON = Pattern.compile(
            "\\breason(?:ing)?\\s*\"?\\s*[:=]\\s*\"?(.+)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final int MAX_REASON = 500;

    private ScoreParser() {
    }

    /** The score and reason in {@code answer}, or empty when it holds no score from 1 to 10. */
    public static Optional<Score> parse(String answer) {
        if (answer == null || answer.isBlank()) {
            return Optional.empty();
        }
        Double score = first(LABELLED, answer);
        if (score == null) {
            score = first(OUT_OF_TEN, answer);
        }
        if (score == null) {
            score = first(LEADING, answer);
        }
        if (score == null || score < 1 || score > 10) {
            return Optional.empty();
        }
        return Optional.of(new Score(score, reason(answer)));
    }

    private static Double first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    private static String reason(String answer) {
        Matcher m = REASON.matcher(answer);
        String reason = m.find() ? m.group(1) : answer;
        reason = reason.strip();
        if (reason.endsWith("}")) {
            reason = reason.substring(0, reason.length() - 1).strip();
        }
        if (reason.endsWith("\"")) {
            reason = reason.substring(0, reason.length() - 1);
        }
        reason = reason.strip();
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "...";
    }

}
