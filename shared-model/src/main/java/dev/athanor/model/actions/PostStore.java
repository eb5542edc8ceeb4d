package dev.athanor.model.actions;

import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;

import java.util.Optional;

/** Port: a team's blog posts and their sections. */
public interface PostStore extends TeamData {

    Post create(TeamId team, PostDraft draft);

    Optional<Post> find(TeamId team, long id);

    /**
     * A page of the team's posts, by id.
     *
     * @throws dev.athanor.model.error.InvalidInputException when the cursor is not one this list handed out
     */
    Page<Post> list(TeamId team, PageRequest page);

    /**
     * Replaces the post's fields and sections.
     *
     * @throws dev.athanor.model.error.NotFoundException     when there is no such post
     * @throws dev.athanor.model.error.InvalidInputException when a section id is not one of the post's own
     * @throws dev.athanor.model.error.ConflictException     when another request changed it at the same time
     */
    Post update(TeamId team, long id, PostDraft draft);

    /** Removes the post and its sections; false when there was none. */
    boolean delete(TeamId team, long id);

    /** The post holding the section with this id, if any. */
    Optional<Post> findBySection(TeamId team, long sectionId);
}
