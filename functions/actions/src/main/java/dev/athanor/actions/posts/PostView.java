package dev.athanor.actions.posts;

import dev.athanor.model.actions.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/** A post as the API shows it, with its sections in order. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record PostView(long id, String title, String body, List<SectionView> sections, String createdAt,
                       String updatedAt) {

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record SectionView(long id, String heading, String content) {
    }

    static PostView of(Post post) {
        return new PostView(post.id(), post.title(), post.body(), post.sections().stream()
                .map(s -> new SectionView(s.id(), s.heading(), s.content())).toList(),
                post.createdAt().toString(), post.updatedAt().toString());
    }
}
