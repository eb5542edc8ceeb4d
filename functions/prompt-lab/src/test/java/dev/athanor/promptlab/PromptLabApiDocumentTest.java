package dev.athanor.promptlab;

import dev.athanor.testkit.ApiDocumentContract;

import java.util.Set;

class PromptLabApiDocumentTest extends ApiDocumentContract {

    @Override
    protected String surface() {
        return "prompt-lab";
    }

    /** Seed 000's "API Organization" (Documentation aside: GET / is under Health, as its endpoint reference has it). */
    @Override
    protected Set<String> documentedGroups() {
        return Set.of("Projects", "History", "Generation", "Backend Testing", "Evaluation", "Git", "Settings",
                "External API", "Health");
    }
}
