package dev.athanor.core.http;

import dev.athanor.model.error.NotFoundException;

import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Ids read from a request path. An id that cannot be one (a number id that is not a positive integer, a key with
 * characters no id has) names no resource, so it is answered exactly as an unknown id: with the caller's
 * {@link NotFoundException}, a 404 in the surface's error shape, never an invalid-input error. A client following
 * a stale or mistyped link then sees one answer whatever the id looks like.
 */
public final class PathIds {

    /** The longest key id a path may carry; longer ones name nothing (and would not fit a storage key). */
    public static final int MAX_KEY = 200;

    /** ASCII digits only: {@link Long#parseLong} would also take a sign and other scripts' digits. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~-]{1," + MAX_KEY + "}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PathIds() {
    }

    /**
     * A positive integer id.
     *
     * @throws NotFoundException from {@code notFound} when {@code value} is not one
     */
    public static long number(String value, Supplier<? extends NotFoundException> notFound) {
        if (value != null && DIGITS.matcher(value).matches()) {
            try {
                long id = Long.parseLong(value);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException tooLarge) {
                // reported below
            }
        }
        throw notFound.get();
    }

    /**
     * A string id: 1 to {@value #MAX_KEY} letters, digits or {@code . _ ~ -} (the characters a path segment carries
     * unescaped, which covers generated ids, slugs and names like {@code dev_agent}).
     *
     * @throws NotFoundException from {@code notFound} when {@code value} is not one
     */
    public static String key(String value, Supplier<? extends NotFoundException> notFound) {
        if (value == null || !KEY.matcher(value).matches()) {
            throw notFound.get();
        }
        return value;
    }

    /**
     * A UUID id, in its lower-case form (the form ids are stored in).
     *
     * @throws NotFoundException from {@code notFound} when {@code value} is not one
     */
    public static String uuid(String value, Supplier<? extends NotFoundException> notFound) {
        if (value == null || !UUID.matcher(value).matches()) {
            throw notFound.get();
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }
}
