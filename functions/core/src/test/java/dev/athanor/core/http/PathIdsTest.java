package dev.athanor.core.http;

import dev.athanor.model.error.NotFoundException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PathIdsTest {

    private static final NotFoundException UNKNOWN = new NotFoundException("Thing not found");
    private static final Supplier<NotFoundException> NOT_FOUND = () -> UNKNOWN;

    @Test
    void a_positive_integer_is_a_number_id() {
        assertEquals(1, PathIds.number("1", NOT_FOUND));
        assertEquals(42, PathIds.number("042", NOT_FOUND));
        assertEquals(Long.MAX_VALUE, PathIds.number(Long.toString(Long.MAX_VALUE), NOT_FOUND));
    }

    @Test
    void anything_else_in_place_of_a_number_id_names_nothing_and_is_the_callers_not_found() {
        for (String value : Arrays.asList(null, "", "abc", "0", "-1", "+1", "1.5", "1e3", " 1", "1 ", "0x1F",
                "9223372036854775808", "99999999999999999999", "\u0661\u0662")) {
            assertSame(UNKNOWN, assertThrows(NotFoundException.class, () -> PathIds.number(value, NOT_FOUND)),
                    String.valueOf(value));
        }
    }

    @Test
    void ids_generated_slugs_and_names_are_key_ids() {
        for (String value : new String[]{"dev_agent", "exp-0123456789abcdef", "6f1c2a9e-1b7d-4c55-9b0e-2f4d8c1e7a10",
                "my-app", "v1.2~rc", "x".repeat(PathIds.MAX_KEY)}) {
            assertEquals(value, PathIds.key(value, NOT_FOUND));
        }
    }

    @Test
    void a_key_id_with_other_characters_or_too_long_names_nothing_and_is_the_callers_not_found() {
        for (String value : Arrays.asList(null, "", "a b", "a/b", "a%2Fb", "<script>", "quote'd", "tab\t",
                "\u00fcn\u00efcode", "x".repeat(PathIds.MAX_KEY + 1))) {
            assertSame(UNKNOWN, assertThrows(NotFoundException.class, () -> PathIds.key(value, NOT_FOUND)),
                    String.valueOf(value));
        }
    }
}
