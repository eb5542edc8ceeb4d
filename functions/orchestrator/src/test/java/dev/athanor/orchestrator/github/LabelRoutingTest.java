package dev.athanor.orchestrator.github;

import dev.athanor.orchestrator.routing.TaskTypes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The task type an issue's labels route it to: the documented aliases, in a fixed priority order. */
class LabelRoutingTest {

    private static String type(String... labels) {
        return LabelRouting.of(List.of(labels)).taskType();
    }

    @Test
    void each_alias_names_its_type() {
        assertEquals("debugging", type("bug"));
        assertEquals("security", type("security"));
        assertEquals("architecture", type("design"));
        assertEquals("github_workflow", type("CI"));
        assertEquals("github_workflow", type("workflow"));
        assertEquals("github_workflow", type("GitHub Actions"));
        assertEquals("bulk_analysis", type("analysis"));
        assertEquals("bulk_analysis", type("Bulk-Analysis"));
    }

    @Test
    void a_label_equal_to_a_type_name_is_that_type() {
        for (String type : TaskTypes.names()) {
            assertEquals(type, type(type), type);
        }
    }

    @Test
    void the_first_type_in_the_order_wins_and_only_security_requires_security() {
        assertEquals(new LabelRouting.Route("security", true), LabelRouting.of(List.of("bug", "security")));
        assertEquals(new LabelRouting.Route("architecture", false), LabelRouting.of(List.of("bug", "design")));
        assertEquals(new LabelRouting.Route("debugging", false), LabelRouting.of(List.of("enhancement", "bug")));
    }

    @Test
    void labels_that_name_no_type_make_code_generation() {
        assertEquals(new LabelRouting.Route("code_generation", false),
                LabelRouting.of(List.of("enhancement", "good first issue")));
        assertEquals("code_generation", type());
    }
}
