package dev.athanor.core.work;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.athanor.model.work.WorkMessage;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static dev.athanor.testkit.SqsEvents.event;
import static dev.athanor.testkit.SqsEvents.failures;
import static dev.athanor.testkit.SqsEvents.record;

class WorkDispatcherTest {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final List<List<String>> batchCalls = new ArrayList<>();
    private final List<String> handled = new ArrayList<>();

    @Test
    void a_batch_handler_gets_all_messages_of_its_type_in_one_call_and_fails_only_those_it_names() {
        WorkDispatcher dispatcher = new WorkDispatcher(List.of(single("one")), List.of(batch("many", ids -> Set.of("b2", "x9"))), JSON);

        SQSBatchResponse response = dispatcher.dispatch(event(record("b1", "many", "{}"), record("s1", "one", "{}"),
                record("b2", "many", "{}"), record("b3", "many", "{}")));

        assertEquals(List.of(List.of("b1", "b2", "b3")), batchCalls);
        assertEquals(List.of("b2"), failures(response), "an id outside the handler's messages is ignored");
    }

    @Test
    void a_batch_handler_that_throws_fails_its_messages_and_nothing_else() {
        WorkDispatcher dispatcher = new WorkDispatcher(List.of(single("one")), List.of(batch("many", ids -> {
            throw new IllegalStateException("database down");
        })), JSON);

        SQSBatchResponse response = dispatcher.dispatch(event(record("b1", "many", "{}"), record("s1", "one", "{}"),
                record("b2", "many", "{}"), record("u1", "unknown", "{}")));

        assertEquals(List.of("b1", "b2", "u1"), failures(response), "failures are reported in batch order");
    }

    @Test
    void one_type_cannot_have_two_handlers_of_either_kind() {
        assertThrows(IllegalStateException.class,
                () -> new WorkDispatcher(List.of(single("t")), List.of(batch("t", ids -> Set.of())), JSON));
        assertThrows(IllegalStateException.class,
                () -> new WorkDispatcher(List.of(), List.of(batch("t", ids -> Set.of()), batch("t", ids -> Set.of())),
                        JSON));
    }

    @Test
    void a_message_without_a_type_attribute_is_routed_by_the_type_its_body_names_and_fails_without_one() {
        WorkDispatcher dispatcher = new WorkDispatcher(List.of(single("pipeline.sweep")), List.of(), JSON);
        SQSEvent.SQSMessage scheduled = record("e1", "x", "{\"type\": \"pipeline.sweep\"}");
        scheduled.setMessageAttributes(null); // as an EventBridge rule's target input arrives
        SQSEvent.SQSMessage untyped = record("e2", "x", "{\"kind\": \"pipeline.sweep\"}");
        untyped.setMessageAttributes(null);
        SQSEvent.SQSMessage notJson = record("e3", "x", "pipeline.sweep");
        notJson.setMessageAttributes(null);

        SQSBatchResponse response = dispatcher.dispatch(event(scheduled, untyped, notJson));

        assertEquals(List.of("e1"), handled);
        assertEquals(List.of("e2", "e3"), failures(response));
    }

    @Test
    void every_message_of_a_queue_a_handler_claims_goes_to_it_whatever_its_attributes_say() {
        WorkHandler intake = new WorkHandler() {
            @Override
            public String type() {
                return "requests";
            }

            @Override
            public Optional<String> queue() {
                return Optional.of("athanor-test-intake");
            }

            @Override
            public void handle(WorkMessage message) {
                handled.add(message.type() + ":" + message.messageId());
            }
        };
        WorkDispatcher dispatcher = new WorkDispatcher(List.of(intake, single("other")), List.of(), JSON);
        SQSEvent.SQSMessage fromIntake = record("i1", "other", "{}");
        fromIntake.setEventSourceArn("arn:aws:sqs:eu-west-1:000000000000:athanor-test-intake");
        SQSEvent.SQSMessage elsewhere = record("o1", "other", "{}");
        elsewhere.setEventSourceArn("arn:aws:sqs:eu-west-1:000000000000:athanor-test-work");

        SQSBatchResponse response = dispatcher.dispatch(event(fromIntake, elsewhere));

        assertEquals(List.of("requests:i1", "o1"), handled);
        assertEquals(List.of(), failures(response));
        assertThrows(IllegalStateException.class, () -> new WorkDispatcher(List.of(intake, new WorkHandler() {
            @Override
            public String type() {
                return "more";
            }

            @Override
            public Optional<String> queue() {
                return Optional.of("athanor-test-intake");
            }

            @Override
            public void handle(WorkMessage message) {
            }
        }), List.of(), JSON), "one queue, two claims");
    }

    private BatchWorkHandler batch(String type, Function<List<String>, Set<String>> outcome) {
        return new BatchWorkHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Set<String> handleBatch(List<WorkMessage> messages) {
                List<String> ids = messages.stream().map(WorkMessage::messageId).toList();
                batchCalls.add(ids);
                return outcome.apply(ids);
            }
        };
    }

    private WorkHandler single(String type) {
        return new WorkHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public void handle(WorkMessage message) {
                handled.add(message.messageId());
            }
        };
    }
}
