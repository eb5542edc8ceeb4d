package dev.athanor.local.template;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Short-form tags and intrinsic functions resolve as CloudFormation resolves them. */
class IntrinsicResolverTest {

    private static final String TEMPLATE = """
            Parameters:
              Stage: {Type: String, Default: dev}
              Key: {Type: String, Default: ''}
            Conditions:
              HasKey: !Not [!Equals [!Ref Key, '']]
            Globals:
              Function:
                Environment:
                  Variables:
                    STAGE: !Ref Stage
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties: {TableName: !Sub 'app-${Stage}-items'}
              Dlq:
                Type: AWS::SQS::Queue
                Properties: {QueueName: !Sub 'app-${Stage}-dlq'}
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: example.Handler
                  Environment:
                    Variables:
                      TABLE: !Ref Table
                      DLQ_ARN: !GetAtt Dlq.Arn
                      DLQ_URL: !Sub '${Dlq.QueueUrl}'
                      JOINED: !Join ['-', [a, !Ref Stage, b]]
                      KEY: !If [HasKey, !Ref Key, !Ref AWS::NoValue]
                      LITERAL: !Sub '${!NotAVariable}'
                  Events:
                    Work:
                      Type: SQS
                      Properties: {Queue: !GetAtt Dlq.Arn, BatchSize: 5, FunctionResponseTypes: [ReportBatchItemFailures]}
            """;

    private final LocalResources resources = new LocalResources(CloudFormationTemplate.parse(TEMPLATE),
            Map.of("Stage", "local"), "eu-west-1", "123456789012", URI.create("http://localhost:9324"));

    @Test
    void resolves_a_function_environment_with_globals_refs_attributes_and_conditions() {
        Map<String, String> env = resources.environment("Fn");

        assertEquals("local", env.get("STAGE"));
        assertEquals("app-local-items", env.get("TABLE"));
        assertEquals("arn:aws:sqs:eu-west-1:123456789012:app-local-dlq", env.get("DLQ_ARN"));
        assertEquals("http://localhost:9324/123456789012/app-local-dlq", env.get("DLQ_URL"));
        assertEquals("a-local-b", env.get("JOINED"));
        assertEquals("${NotAVariable}", env.get("LITERAL"));
        assertFalse(env.containsKey("KEY"), "AWS::NoValue removes the variable");
    }

    @Test
    void a_condition_switches_on_a_parameter() {
        LocalResources withKey = new LocalResources(CloudFormationTemplate.parse(TEMPLATE), Map.of("Key", "k1"),
                "eu-west-1", "123456789012", URI.create("http://localhost:9324"));
        assertTrue(withKey.resolver().condition("HasKey"));
        assertEquals("k1", withKey.environment("Fn").get("KEY"));
    }

    @Test
    void finds_sqs_event_sources() {
        List<QueueSubscription> subscriptions = resources.queueSubscriptions();
        assertEquals(1, subscriptions.size());
        QueueSubscription work = subscriptions.get(0);
        assertEquals("Fn", work.functionId());
        assertEquals("example.Handler", work.handlerClass());
        assertEquals("Dlq", work.queueId());
        assertEquals(5, work.batchSize());
        assertTrue(work.reportsBatchItemFailures());
    }
}
