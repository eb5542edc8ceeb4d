package dev.athanor.model.accounts;

import dev.athanor.model.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AccountRulesTest {

    @Test
    void emails_are_trimmed_and_lower_cased() {
        assertEquals("ada@example.com", AccountRules.requireEmail("email", "  Ada@Example.COM "));
    }

    @Test
    void malformed_emails_are_refused() {
        for (String bad : new String[]{"", "ada", "ada@", "@example.com", "ada@example", "a..b@example.com",
                ".a@example.com", "a.@example.com", "a b@example.com", "ada@-example.com", "<a>@example.com"}) {
            assertThrows(InvalidInputException.class, () -> AccountRules.requireEmail("email", bad), bad);
        }
    }

    @Test
    void passwords_are_counted_in_characters_between_8_and_128() {
        AccountRules.requirePassword("12345678");
        AccountRules.requirePassword("\uD83D\uDE00".repeat(128));
        assertThrows(InvalidInputException.class, () -> AccountRules.requirePassword("1234567"));
        assertThrows(InvalidInputException.class, () -> AccountRules.requirePassword("x".repeat(129)));
        assertThrows(InvalidInputException.class, () -> AccountRules.requirePassword(null));
        assertThrows(InvalidInputException.class, () -> AccountRules.requirePassword("\u0000".repeat(10)));
    }

    @Test
    void a_blank_full_name_is_none_and_control_characters_are_refused() {
        assertNull(AccountRules.fullName("  "));
        assertEquals("Ada", AccountRules.fullName(" Ada "));
        assertThrows(InvalidInputException.class, () -> AccountRules.fullName("Ada\u0000"));
    }
}
