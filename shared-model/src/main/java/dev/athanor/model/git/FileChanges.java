package dev.athanor.model.git;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One commit's worth of changes: whole files by repository path (forward slashes, no leading slash), each the new
 * UTF-8 content or {@code null} to delete it, with the message and author.
 */
public record FileChanges(String message, GitAuthor author, Map<String, String> files) {

    public FileChanges {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }
}
