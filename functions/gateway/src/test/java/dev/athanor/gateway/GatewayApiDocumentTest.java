package dev.athanor.gateway;

import dev.athanor.testkit.ApiDocumentContract;

import java.util.Set;

class GatewayApiDocumentTest extends ApiDocumentContract {

    @Override
    protected String surface() {
        return "gateway";
    }

    /** Seed 001's endpoint sections ("Health Endpoints", "LiteLLM Endpoints", ...). */
    @Override
    protected Set<String> documentedGroups() {
        return Set.of("Health", "LiteLLM", "Authentication", "Analytics", "RAG", "Ollama Integration");
    }
}
