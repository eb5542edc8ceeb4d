package dev.athanor.promptlab.git;

import dev.athanor.git.diff.UnifiedDiff;
import dev.athanor.model.promptlab.Evaluation;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptProject;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * The Markdown description of a promotion's pull request: what is promoted and why, the change to the production
 * file as a diff, the latest evaluation's scores and, for a backend test, its metrics. Reviewers decide from it.
 */
final class PromotionDescription {

    private PromotionDescription() {
    }

    static String of(PromptProject project, String kind, PromptHistoryEntry entry, String commitMessage,
                     String actor, String file, @Nullable String before, String after,
                     @Nullable Evaluation evaluation, @Nullable Double gate) {
        StringBuilder body = new StringBuilder();
        body.append("Promotes ").append(kind.equals("backend") ? "backend test" : "prompt").append(" #")
                .append(entry.id()).append(" of the prompt-lab project **").append(project.name())
                .append("** (model `").append(project.providerId()).append("`) to production.\n\n")
                .append("> ").append(commitMessage.replace("\n", "\n> ")).append("\n\n")
                .append("Requested by `").append(actor).append("`. Merging this ")
                .append("makes `/prompt/").append(project.name()).append('/').append(project.providerId())
                .append("/prod` serve it.\n\n## Change to `").append(file).append("`\n\n");
        if (before == null) {
            body.append("The project has no production prompt in this repository yet; this adds it.\n\n```json\n")
                    .append(after).append("```\n\n");
        } else {
            body.append("```diff\n").append(UnifiedDiff.of(before, after)).append("```\n\n");
        }
        body.append("## Latest evaluation\n\n");
        if (evaluation == null || evaluation.aggregates() == null) {
            body.append("No completed evaluation.");
        } else {
            Evaluation.Aggregates scores = evaluation.aggregates();
            body.append("Evaluation `").append(evaluation.id()).append("` on `").append(evaluation.dataset())
                    .append("` (judge `").append(evaluation.judgeModel()).append("`): ").append(scores.passed())
                    .append(" of ").append(scores.total()).append(" samples judged.\n\n| scoring function | mean |\n")
                    .append("|---|---|\n");
            for (Map.Entry<String, Double> mean : scores.meanScores().entrySet()) {
                body.append("| ").append(mean.getKey()).append(" | ").append(PromotionGate.format(mean.getValue()))
                        .append(" |\n");
            }
            body.append("| **overall** | **").append(scores.overall() == null ? "-"
                    : PromotionGate.format(scores.overall())).append("** |\n");
        }
        if (gate != null) {
            body.append("\nThe project's evaluation gate requires an overall score of at least ")
                    .append(PromotionGate.format(gate)).append('.');
        }
        PromptHistoryEntry.BackendResult backend = entry.backend();
        if (backend != null) {
            body.append("\n\n## Backend test\n\n| metric | value |\n|---|---|\n")
                    .append("| backend | ").append(backend.url()).append(" |\n")
                    .append("| status code | ").append(text(backend.statusCode())).append(" |\n")
                    .append("| response time (ms) | ").append(text(backend.responseTimeMs())).append(" |\n")
                    .append("| time to first byte (ms) | ").append(text(backend.timeToFirstByteMs())).append(" |\n")
                    .append("| error | ").append(backend.error() == null ? "none" : backend.error()).append(" |\n");
        }
        if (entry.rating() != null || entry.notes() != null) {
            body.append("\n\nRating: ").append(text(entry.rating())).append(" of 5")
                    .append(entry.notes() == null ? "" : ". Notes: " + entry.notes());
        }
        return body.append('\n').toString();
    }

    private static String text(@Nullable Object value) {
        return value == null ? "-" : value.toString();
    }
}
