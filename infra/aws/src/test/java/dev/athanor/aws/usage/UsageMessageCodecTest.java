package dev.athanor.aws.usage;

import dev.athanor.model.usage.UsageEvent;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The usage queue's JSON both ways, including messages queued before calls were attributed to a user. */
class UsageMessageCodecTest {

    private static ApplicationContext context;
    private static UsageMessageCodec codec;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder().deduceEnvironment(false).properties(Map.of()).start();
        codec = context.getBean(UsageMessageCodec.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void an_attributed_event_survives_the_trip_with_its_user_key_request_type_source_and_metadata() {
        UsageEvent event = new UsageEvent("c1", "team-a", "gateway", null, null, null, "openai", "gpt-4o", 10, 5,
                new BigDecimal("0.25"), 300, 40L, "ok", Instant.parse("2025-06-01T12:00:00Z"), "user-1", "key-1",
                "chat_completion", "reported", "{\"conversation_id\":\"s1\"}");

        String body = codec.encode(event);

        assertEquals(event, codec.decode(body));
        assertEquals(true, body.contains("\"user_id\":\"user-1\"") && body.contains("\"api_key_id\":\"key-1\""), body);
    }

    @Test
    void a_message_queued_without_the_attribution_fields_reads_as_a_metered_call_of_no_user() {
        UsageEvent event = codec.decode("""
                {"id":"old-1","team_id":"team-a","surface":"gateway","provider":"openai","model":"gpt-4o",
                 "prompt_tokens":10,"completion_tokens":5,"cost_usd":0.25,"latency_ms":300,"status":"ok",
                 "occurred_at":"2025-06-01T12:00:00Z"}""");

        assertEquals("old-1", event.id());
        assertEquals(15, event.totalTokens());
        assertNull(event.userId());
        assertNull(event.apiKeyId());
        assertNull(event.requestType());
        assertNull(event.metadata());
        assertEquals("metered", event.source());
    }
}
