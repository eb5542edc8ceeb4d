package dev.athanor.orchestrator.hrm;

import dev.athanor.model.error.NotFoundException;

import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Ids of projects, tasks, configs and presets are UUIDs: anything else names nothing, and is answered as unknown. */
final class HrmIds {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private HrmIds() {
    }

    /**
     * The id in its lower-case form.
     *
     * @throws NotFoundException from {@code notFound} when it is not a UUID
     */
    static String uuid(String value, Supplier<? extends NotFoundException> notFound) {
        if (value == null || !UUID.matcher(value).matches()) {
            throw notFound.get();
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
