package dev.athanor.orchestrator.agents;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.nio.charset.StandardCharsets;

/** A config file as the API shows it: seed 002's fields, {@code last_modified} an ISO-8601 UTC time. */
@Serdeable(naming = SnakeCaseStrategy.class)
record FileView(String filePath, String fileType, String content, String lastModified) {

    static FileView of(ConfigFiles.Loaded loaded) {
        return new FileView(loaded.file().path(), loaded.file().fileType().wireName(),
                new String(loaded.content(), StandardCharsets.UTF_8), loaded.file().lastModified().toString());
    }
}
