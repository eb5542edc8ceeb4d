package dev.athanor.model.actions;

import java.util.List;

/**
 * A post's fields as they are to be stored (checked by the caller). A section with an id keeps it (it must be one of
 * the post's own); a section without one gets the next section id of the team.
 */
public record PostDraft(String title, String body, List<SectionDraft> sections) {

    public PostDraft {
        sections = List.copyOf(sections);
    }

    public record SectionDraft(Long id, String heading, String content) {
    }
}
