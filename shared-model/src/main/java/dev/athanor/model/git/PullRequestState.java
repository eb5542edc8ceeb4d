package dev.athanor.model.git;

/** Where a pull (merge) request stands; merged and closed are final. */
public enum PullRequestState {
    OPEN, MERGED, CLOSED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isFinal() {
        return this != OPEN;
    }
}
