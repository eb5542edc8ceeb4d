package dev.athanor.gateway.analytics;

import dev.athanor.aws.usage.UsageMessageCodec;
import dev.athanor.model.usage.UsageEvent;
import dev.athanor.model.usage.UsageLedger;
import dev.athanor.testkit.Await;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.athanor.gateway.analytics.AnalyticsGateway.assertAmount;
import static dev.athanor.gateway.analytics.AnalyticsGateway.assertCount;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A user's own chat completions through the gateway count in their analytics: the gateway publishes each call's
 * usage event to the usage queue, and the test writes what arrives there to the ledger as the ledger function does
 * (decode, then one batch write).
 */
@ExtendWith(LocalStackExtension.class)
class MeteredUsageIT {

    private static AnalyticsGateway gateway;

    @BeforeAll
    static void start() {
        gateway = AnalyticsGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void a_users_chat_completions_are_metered_as_theirs_and_counted_with_what_is_reported_for_them() throws Exception {
        String team = AnalyticsGateway.team("metered");
        String carol = gateway.token(team, "member", "carol");
        long tokens = 0;
        for (String prompt : List.of("Hello there", "Tell me about the weather in spring")) {
            LambdaHttp.Response answer = gateway.http.send(request("POST", "/v1/chat/completions").bearer(carol)
                    .json("{\"model\":\"sandbox\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}"));
            assertEquals(200, answer.status(), answer.body());
            tokens += ((Number) ((Map<?, ?>) answer.get("usage")).get("total_tokens")).longValue();
        }

        List<UsageEvent> written = writeLedgerFromQueue(team, 2);

        assertEquals(2, written.size());
        for (UsageEvent event : written) {
            Map<String, Object> row = gateway.row(event.id());
            assertEquals("carol", row.get("user_id"));
            assertNull(row.get("api_key_id"), "a token, not an API key");
            assertEquals("chat_completion", row.get("request_type"));
            assertEquals("metered", row.get("source"));
            assertEquals("sandbox", row.get("model"));
            assertEquals("gateway", row.get("surface"));
        }
        assertEquals(200, gateway.report(carol, """
                {"user_id":"carol","model":"gpt-4o","tokens_used":40,"request_type":"chat_completion"}""").status());

        LambdaHttp.Response own = gateway.analytics(carol, "carol");

        assertEquals(200, own.status(), own.body());
        assertEquals("carol", own.get("user_id"));
        assertCount(tokens + 40, own.get("total_tokens"));
        assertCount(3, own.get("total_requests"));
        Map<?, ?> models = (Map<?, ?>) own.get("model_breakdown");
        assertEquals(Set.of("sandbox", "gpt-4o"), models.keySet());
        Map<?, ?> sandbox = (Map<?, ?>) models.get("sandbox");
        assertCount(tokens, sandbox.get("tokens"));
        assertCount(2, sandbox.get("requests"));
        assertAmount("0", sandbox.get("cost_estimate"));
        assertAmount("0.00025", ((Map<?, ?>) models.get("gpt-4o")).get("cost_estimate")); // 20 x 2.50 + 20 x 10.00
    }

    @Test
    void embeddings_are_metered_as_embeddings_of_the_caller() throws Exception {
        String team = AnalyticsGateway.team("embedded");
        String dana = gateway.token(team, "member", "dana");

        LambdaHttp.Response answer = gateway.http.send(request("POST", "/v1/embeddings").bearer(dana)
                .json("{\"model\":\"sandbox\",\"input\":[\"first text\",\"second text\"]}"));

        assertEquals(200, answer.status(), answer.body());
        List<UsageEvent> written = writeLedgerFromQueue(team, 1);
        assertEquals(1, written.size());
        Map<String, Object> row = gateway.row(written.get(0).id());
        assertEquals("embedding", row.get("request_type"));
        assertEquals("dana", row.get("user_id"));
        assertEquals("sandbox", row.get("model"));
        assertEquals("ok", row.get("status"));
        assertCount(((Number) ((Map<?, ?>) answer.get("usage")).get("prompt_tokens")).longValue(),
                row.get("prompt_tokens"));
    }

    @Test
    void retrievals_embeddings_and_answers_are_metered_to_the_caller() throws Exception {
        String team = AnalyticsGateway.team("retrieval");
        String erin = gateway.token(team, "member", "erin");

        LambdaHttp.Response indexed = gateway.http.send(request("POST", "/rag/index").bearer(erin).json("""
                {"documents": [{"id": "a", "content": "Tea grows on hillsides."},
                               {"id": "b", "content": "Coffee grows in the tropics."}]}"""));
        assertEquals(200, indexed.status(), indexed.body());
        LambdaHttp.Response answered = gateway.http.send(request("POST", "/rag/query").bearer(erin).json("""
                {"query": "Where does tea grow?", "generate_response": true, "model": "sandbox"}"""));
        assertEquals(200, answered.status(), answered.body());

        List<UsageEvent> written = writeLedgerFromQueue(team, 4);

        assertEquals(4, written.size(), "two documents and the query embedded, one answer");
        List<String> types = new ArrayList<>();
        for (UsageEvent event : written) {
            Map<String, Object> row = gateway.row(event.id());
            assertEquals("erin", row.get("user_id"));
            assertEquals("gateway", row.get("surface"));
            assertEquals("ok", row.get("status"));
            types.add((String) row.get("request_type"));
            if ("chat_completion".equals(row.get("request_type"))) {
                assertCount(((Number) ((Map<?, ?>) answered.get("usage")).get("total_tokens")).longValue(),
                        ((Number) row.get("prompt_tokens")).longValue() + ((Number) row.get("completion_tokens"))
                                .longValue(), "the answer's usage as the query reported it");
            }
        }
        assertEquals(List.of("chat_completion", "embedding", "embedding", "embedding"), types.stream().sorted()
                .toList());
    }

    /** Receives usage messages until {@code expected} of the team's have arrived, and writes those to the ledger. */
    private static List<UsageEvent> writeLedgerFromQueue(String team, int expected) throws Exception {
        SqsClient sqs = LocalStackExtension.stack().sqs();
        String queueUrl = LocalStackExtension.stack().resources().queueUrl("UsageQueue");
        UsageMessageCodec codec = gateway.http.context().getBean(UsageMessageCodec.class);
        UsageLedger ledger = gateway.http.context().getBean(UsageLedger.class);
        List<UsageEvent> ours = new ArrayList<>();
        Await.until(() -> {
            List<UsageEvent> batch = new ArrayList<>();
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages()) {
                MessageAttributeValue type = message.messageAttributes().get("type");
                if (type != null && UsageMessageCodec.TYPE.equals(type.stringValue())) {
                    UsageEvent event = codec.decode(message.body());
                    if (event.teamId().equals(team)) {
                        batch.add(event);
                    }
                }
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
            ledger.record(batch);
            ours.addAll(batch);
            return ours.size();
        }, count -> count >= expected, Duration.ofSeconds(30));
        return ours;
    }
}
