package dev.athanor.model.orchestrator;

import java.time.Instant;

/**
 * What is known of an agent configuration file without reading it: its path (relative, the team's key for it), type,
 * size in bytes and last change. Its content is kept apart, under the {@code revision} written last; every write
 * makes a new revision, so a write that loses a race never touches the content of the one that won.
 */
public record AgentFile(String path, AgentFileType fileType, long size, Instant lastModified, String revision) {
}
