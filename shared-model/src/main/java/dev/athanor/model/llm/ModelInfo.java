package dev.athanor.model.llm;

/** A model a provider serves; ownedBy is what the gateway lists in the OpenAI {@code owned_by} field. */
public record ModelInfo(String id, String ownedBy) {
}
