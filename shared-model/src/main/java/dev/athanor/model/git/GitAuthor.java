package dev.athanor.model.git;

/** Whom a commit is written by. */
public record GitAuthor(String name, String email) {
}
