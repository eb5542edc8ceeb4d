package dev.athanor.model;

/**
 * A stored value with the version it was read at. Writing it back succeeds only while the stored version is
 * still the same, so two writers racing on one item cannot silently overwrite each other.
 */
public record Versioned<T>(T value, long version) {
}
