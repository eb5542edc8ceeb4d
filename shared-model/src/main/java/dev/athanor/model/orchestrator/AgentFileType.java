package dev.athanor.model.orchestrator;

import java.util.Locale;
import java.util.Optional;

/** What an agent configuration file is (seed 002's file types). */
public enum AgentFileType {
    /** A skill, such as {@code .claude/skills/*.md}. */
    SKILL,
    /** An MCP server configuration. */
    MCP,
    /** A command, such as {@code .claude/commands/*.md}. */
    INSTRUCTION,
    /** Any other configuration. */
    CONFIG;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of a wire name; empty for anything else (case matters). */
    public static Optional<AgentFileType> fromWire(String value) {
        for (AgentFileType type : values()) {
            if (type.wireName().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
