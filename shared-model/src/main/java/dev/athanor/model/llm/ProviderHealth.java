package dev.athanor.model.llm;

/** The outcome of one health probe; error is null when ok. */
public record ProviderHealth(boolean ok, long latencyMs, String error) {

    public static ProviderHealth ok(long latencyMs) {
        return new ProviderHealth(true, latencyMs, null);
    }

    public static ProviderHealth failed(long latencyMs, String error) {
        return new ProviderHealth(false, latencyMs, error);
    }
}
