package dev.athanor.promptlab.eval;

import dev.athanor.model.llm.ChatMessage;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a scoring function into the judge's rubric and asks for an answer {@link ScoreParser} reads. Well-known
 * names get a written rubric; any other name is judged as "how well the answer shows &lt;name&gt;".
 */
final class JudgePrompt {

    private static final Map<String, String> RUBRICS = Map.of(
            "relevance", "Does the answer address what the prompt asks, using the input, without unrelated content?",
            "coherence", "Is the answer well organised and logically consistent, reading as one whole?",
            "conciseness", "Does the answer say what is needed without padding or repetition?",
            "accuracy", "Is everything the answer states correct, given the input and the reference answer if any?",
            "completeness", "Does the answer cover everything the prompt asks for and the reference answer covers?",
            "clarity", "Is the answer easy to understand, with clear wording and structure?",
            "fluency", "Is the answer grammatical, natural language?",
            "helpfulness", "Would the answer help the person who asked, as it is?",
            "correctness", "Does the answer agree with the reference answer (when given) and with the facts?");

    private JudgePrompt() {
    }

    static String rubric(String scoringFunction) {
        String rubric = RUBRICS.get(scoringFunction.toLowerCase(Locale.ROOT));
        return rubric != null ? rubric : "How well does the answer show " + scoringFunction + "?";
    }

    static List<ChatMessage> messages(String scoringFunction, String prompt, String answer, String expected) {
        String system = "You are an impartial evaluator. You score one answer on one criterion from 1 (very poor) "
                + "to 10 (excellent). Reply in exactly two lines:\nScore: <integer from 1 to 10>\n"
                + "Reason: <one sentence>";
        StringBuilder user = new StringBuilder();
        user.append("Criterion: ").append(scoringFunction).append('\n')
                .append("Rubric: ").append(rubric(scoringFunction)).append("\n\n")
                .append("Prompt given to the model:\n").append(prompt).append("\n\n");
        if (expected != null && !expected.isBlank()) {
            user.append("Reference answer:\n").append(expected).append("\n\n");
        }
        user.append("Answer to score:\n").append(answer);
        return List.of(ChatMessage.system(system), ChatMessage.user(user.toString()));
    }
}
