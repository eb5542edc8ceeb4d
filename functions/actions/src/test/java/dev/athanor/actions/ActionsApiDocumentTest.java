package dev.athanor.actions;

import dev.athanor.testkit.ApiDocumentContract;

import java.util.Set;

class ActionsApiDocumentTest extends ApiDocumentContract {

    @Override
    protected String surface() {
        return "actions";
    }

    /**
     * Seed 004's sections; Content for its second "Endpoints" section (the content helpers) and the posts they act
     * on; Health for the health route it does not list.
     */
    @Override
    protected Set<String> documentedGroups() {
        return Set.of("LLM Actions", "LLM Configuration", "LLM Testing", "Template Management",
                "Interaction Tracking", "Content", "Health");
    }
}
