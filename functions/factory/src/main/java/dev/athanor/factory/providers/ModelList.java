package dev.athanor.factory.providers;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Answer of {@code GET /api/models}.
 *
 * @param provider the provider asked, or null when the models of all the team's providers are listed
 */
@Serdeable
public record ModelList(String provider, List<Model> models) {

    /** A model and the provider serving it. */
    @Serdeable
    public record Model(String id, String provider) {
    }
}
