package dev.athanor.model.actions;

import java.time.Instant;
import java.util.List;

/** A blog post the content helpers act on: a title, a body and its sections in order. Ids are counted per team. */
public record Post(long id, String title, String body, List<Section> sections, Instant createdAt,
                   Instant updatedAt) {

    public Post {
        sections = List.copyOf(sections);
    }

    /** A section of a post; its id is unique within the team, so a section can be named without its post. */
    public record Section(long id, String heading, String content) {
    }
}
