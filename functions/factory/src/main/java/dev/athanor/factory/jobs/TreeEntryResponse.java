package dev.athanor.factory.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** One entry of {@code code/tree}, spelled as the seed spells it ({@code isDir}). */
@Serdeable
record TreeEntryResponse(String path, String name, @JsonProperty("isDir") boolean isDir, long size) {

    static TreeEntryResponse of(FactoryJobs.TreeEntry e) {
        return new TreeEntryResponse(e.path(), e.name(), e.isDir(), e.size());
    }
}
