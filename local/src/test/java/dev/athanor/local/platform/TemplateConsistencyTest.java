package dev.athanor.local.platform;

import dev.athanor.aws.activity.ActivityItem;
import dev.athanor.aws.dynamo.TableDefinition;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.core.work.QueueWorker;
import dev.athanor.live.SocketFunction;
import dev.athanor.local.template.CloudFormationTemplate;
import dev.athanor.local.template.LocalProvisioner;
import dev.athanor.local.template.LocalResources;
import dev.athanor.local.template.QueueSubscription;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fails when template.yaml and the code disagree about handlers, tables, queues, logs or permissions. */
class TemplateConsistencyTest {

    private static final Path TEMPLATE = LocalStackExtension.template();
    private static final Path ROOT = TEMPLATE.getParent();
    private static final Pattern TABLE_VARIABLE = Pattern.compile("ATHANOR_DYNAMODB_TABLES_([A-Z0-9_]+)");
    private static final Pattern QUEUE_VARIABLE = Pattern.compile("ATHANOR_QUEUES_([A-Z0-9_]+)");

    private final CloudFormationTemplate template = CloudFormationTemplate.load(TEMPLATE);
    private final LocalResources resources = new LocalResources(template, Map.of("Stage", "test"), "us-east-1",
            "000000000000", URI.create("http://localhost:9324"));

    private Map<String, Map<String, Object>> functions() {
        return template.resources(LocalResources.FUNCTION);
    }

    @Test
    void every_handler_class_exists_and_every_code_uri_is_a_module_of_this_build() throws Exception {
        for (var function : functions().entrySet()) {
            Map<String, Object> properties = CloudFormationTemplate.map(function.getValue().get("Properties"));
            String codeUri = String.valueOf(properties.get("CodeUri"));
            if (LocalResources.behindWebAdapter(function.getValue())) {
                assertEquals("run.sh", properties.get("Handler"), function.getKey());
                assertTrue(codeUri.matches("functions/[a-z-]+/target/stream\\.zip"), function.getKey() + ": " + codeUri);
                assertTrue(Files.exists(ROOT.resolve(codeUri).getParent().getParent().resolve("src/lambda-stream/run.sh")));
                continue;
            }
            Class.forName(String.valueOf(properties.get("Handler")));
            assertTrue(codeUri.matches("functions/[a-z-]+/target/function\\.jar"), function.getKey() + ": " + codeUri);
            Path module = ROOT.resolve(codeUri).getParent().getParent();
            assertTrue(Files.exists(module.resolve("pom.xml")), function.getKey() + ": no module at " + module);
        }
    }

    @Test
    void every_table_the_code_uses_is_declared_with_the_same_keys_and_indexes() {
        Set<String> declaredLogical = new HashSet<>();
        for (var function : functions().keySet()) {
            Map<String, Object> variables = variables(function);
            for (var variable : variables.entrySet()) {
                var matcher = TABLE_VARIABLE.matcher(variable.getKey());
                if (!matcher.matches()) {
                    continue;
                }
                String logical = matcher.group(1).toLowerCase();
                TableDefinition<?> table = Tables.ALL.stream().filter(t -> t.logicalName().equals(logical)).findFirst()
                        .orElseThrow(() -> new AssertionError(function + " sets " + variable.getKey() + " but the code has no table '" + logical + "'"));
                String tableId = ref(variable.getValue());
                assertEquals(LocalResources.TABLE, template.resources().get(tableId).get("Type"), variable.getKey());
                assertKeysMatch(table, new LocalProvisioner(resources).createTableRequest(tableId));
                assertTrue(hasPolicyOn(function, tableId), function + " uses " + tableId + " but has no policy on it");
                declaredLogical.add(logical);
            }
        }
        for (TableDefinition<?> table : Tables.ALL) {
            assertTrue(declaredLogical.contains(table.logicalName()), "no function is given table " + table.logicalName());
        }
    }

    @Test
    void every_queue_has_a_dead_letter_queue_and_every_dead_letter_queue_exists() {
        Set<String> deadLetterQueues = new HashSet<>();
        Map<String, Map<String, Object>> queues = template.resources(LocalResources.QUEUE);
        for (var queue : queues.entrySet()) {
            Map<String, Object> redrive = CloudFormationTemplate.map(CloudFormationTemplate.map(queue.getValue().get("Properties")).get("RedrivePolicy"));
            if (!redrive.isEmpty()) {
                @SuppressWarnings("unchecked")
                List<Object> target = (List<Object>) CloudFormationTemplate.map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt");
                deadLetterQueues.add(String.valueOf(target.get(0)));
                assertTrue(Integer.parseInt(String.valueOf(redrive.get("maxReceiveCount"))) > 0, queue.getKey());
            }
        }
        for (String queue : queues.keySet()) {
            boolean isDeadLetterQueue = deadLetterQueues.contains(queue);
            boolean hasRedrive = CloudFormationTemplate.map(queues.get(queue).get("Properties")).containsKey("RedrivePolicy");
            assertTrue(isDeadLetterQueue || hasRedrive, queue + " has no dead-letter queue");
        }
        deadLetterQueues.forEach(dlq -> assertTrue(queues.containsKey(dlq), "missing dead-letter queue " + dlq));
    }

    @Test
    void every_queue_a_function_is_given_is_declared_and_the_function_may_send_to_it() {
        for (String function : functions().keySet()) {
            for (var variable : variables(function).entrySet()) {
                if (!QUEUE_VARIABLE.matcher(variable.getKey()).matches()) {
                    continue;
                }
                String queueId = ref(variable.getValue());
                assertEquals(LocalResources.QUEUE, template.resources().get(queueId).get("Type"), function + " " + variable.getKey());
                assertTrue(hasQueuePolicy(function, "SQSSendMessagePolicy", queueId),
                        function + " is given " + queueId + " but may not send to it");
            }
        }
    }

    @Test
    void every_http_surface_may_publish_usage_events() {
        for (var function : functions().entrySet()) {
            if (CloudFormationTemplate.map(function.getValue().get("Metadata")).containsKey("LocalPort")) {
                assertEquals("UsageQueue", ref(variables(function.getKey()).get("ATHANOR_QUEUES_USAGE")), function.getKey());
            }
        }
    }

    @Test
    void every_queue_but_a_dead_letter_queue_has_a_consumer_and_every_dead_letter_queue_an_alarm() {
        Set<String> consumed = new HashSet<>();
        resources.queueSubscriptions().forEach(s -> consumed.add(s.queueId()));
        Set<String> alarmed = new HashSet<>();
        template.resources("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            Object dimensions = CloudFormationTemplate.map(alarm.get("Properties")).get("Dimensions");
            if (dimensions instanceof List<?> list) {
                list.forEach(d -> {
                    Object value = CloudFormationTemplate.map(d).get("Value");
                    Object getAtt = CloudFormationTemplate.map(value).get("Fn::GetAtt");
                    if (getAtt instanceof List<?> target) {
                        alarmed.add(String.valueOf(target.get(0)));
                    }
                });
            }
        });
        for (var queue : template.resources(LocalResources.QUEUE).entrySet()) {
            boolean deadLetter = !CloudFormationTemplate.map(queue.getValue().get("Properties")).containsKey("RedrivePolicy");
            if (deadLetter) {
                assertTrue(alarmed.contains(queue.getKey()), "no alarm on dead-letter queue " + queue.getKey());
            } else {
                assertTrue(consumed.contains(queue.getKey()), "nothing consumes " + queue.getKey());
            }
        }
    }

    @Test
    void every_sqs_consumer_reports_partial_batch_failures() {
        assertFalse(resources.queueSubscriptions().isEmpty());
        resources.queueSubscriptions().forEach(s -> assertTrue(s.reportsBatchItemFailures(), s.functionId()));
    }

    @Test
    void each_surface_that_runs_pipelines_has_a_worker_of_its_own_jar_on_a_work_queue_of_its_own() {
        Set<String> workQueues = new HashSet<>();
        for (var function : functions().entrySet()) {
            if (!isHttpSurface(function.getValue()) || !variables(function.getKey()).containsKey("ATHANOR_QUEUES_WORK")) {
                continue;
            }
            String surface = function.getKey();
            String queue = ref(variables(surface).get("ATHANOR_QUEUES_WORK"));
            assertTrue(workQueues.add(queue), surface + " shares its work queue " + queue);
            List<QueueSubscription> consumers = resources.queueSubscriptions().stream()
                    .filter(s -> s.queueId().equals(queue)).toList();
            assertEquals(1, consumers.size(), queue + " consumers");
            String worker = consumers.get(0).functionId();
            assertEquals(QueueWorker.class.getName(), consumers.get(0).handlerClass(), worker);
            assertEquals(codeUri(surface), codeUri(worker), worker + " is built from " + surface + "'s jar");
            assertEquals(variables(surface).get("ATHANOR_SURFACE"), variables(worker).get("ATHANOR_SURFACE"), worker);
            assertEquals(queue, ref(variables(worker).get("ATHANOR_QUEUES_WORK")), worker + " sends its next steps");
            Map<String, Object> redrive = CloudFormationTemplate.map(template.properties(queue).get("RedrivePolicy"));
            assertEquals(String.valueOf(redrive.get("maxReceiveCount")),
                    String.valueOf(variables(worker).get("ATHANOR_PIPELINE_MAX_RECEIVE_COUNT")), worker);
            assertTrue(resources.scheduledMessages().stream().anyMatch(m -> m.queueId().equals(queue)
                    && m.body().contains("pipeline.sweep")), "nothing sweeps " + queue);
            for (String other : functions().keySet()) {
                if (!codeUri(other).equals(codeUri(surface))) {
                    assertFalse(hasQueuePolicy(other, "SQSSendMessagePolicy", queue), other + " may send to " + queue);
                    assertFalse(hasQueuePolicy(other, "SQSPollerPolicy", queue), other + " may read " + queue);
                }
            }
        }
        assertEquals(Set.of("PromptLabWorkQueue", "FactoryWorkQueue", "OrchestratorWorkQueue"), workQueues);
    }

    @Test
    void every_queue_consumer_is_a_queue_worker_allowed_only_what_it_is_given() {
        Set<String> consumers = new HashSet<>();
        resources.queueSubscriptions().forEach(s -> {
            assertEquals(QueueWorker.class.getName(), s.handlerClass(), s.functionId());
            consumers.add(s.functionId());
        });
        for (String function : consumers) {
            Set<String> given = new HashSet<>();
            variables(function).values().forEach(value -> given.add(ref(value)));
            given.addAll(getAtts(variables(function).values()));
            resources.queueSubscriptions().stream().filter(s -> s.functionId().equals(function))
                    .forEach(s -> given.add(s.queueId()));
            for (Object policy : (List<?>) template.properties(function).get("Policies")) {
                CloudFormationTemplate.map(policy).forEach((name, target) -> {
                    Map<String, Object> arguments = CloudFormationTemplate.map(target);
                    for (String key : List.of("TableName", "QueueName", "BucketName")) {
                        if (arguments.containsKey(key)) {
                            Object value = arguments.get(key);
                            String resource = value instanceof Map<?, ?> m && m.containsKey("Ref") ? ref(value)
                                    : getAtts(List.of(value)).stream().findFirst().orElse("?");
                            assertTrue(given.contains(resource), function + " has " + name + " on " + resource
                                    + ", which it is not given");
                        }
                    }
                });
            }
        }
        assertEquals(Set.of("PromptLabWorkerFunction", "FactoryWorkerFunction", "OrchestratorWorkerFunction",
                "LedgerFunction", "OrchestratorEventsFunction"), consumers);
    }

    @Test
    void every_route_of_the_websocket_api_goes_to_the_socket_handler_which_may_answer_its_connections() {
        Set<String> keys = new HashSet<>();
        for (Map<String, Object> route : template.resources("AWS::ApiGatewayV2::Route").values()) {
            Map<String, Object> properties = CloudFormationTemplate.map(route.get("Properties"));
            keys.add(String.valueOf(properties.get("RouteKey")));
            String integration = sub(properties.get("Target")).replaceAll("integrations/\\$\\{(\\w+)}", "$1");
            String function = sub(template.properties(integration).get("IntegrationUri"))
                    .replaceAll(".*/functions/\\$\\{(\\w+)\\.Arn}/invocations", "$1");
            assertEquals(SocketFunction.class.getName(), template.properties(function).get("Handler"), function);
            assertTrue(String.valueOf(template.properties(function).get("Policies"))
                    .contains("execute-api:ManageConnections"), function + " cannot post to its connections");
        }
        // without $connect no handshake is checked; without $default frames go nowhere
        assertEquals(Set.of("$connect", "$default", "$disconnect"), keys);
    }

    @Test
    void every_function_logs_to_its_own_group_with_retention() {
        for (String function : functions().keySet()) {
            Map<String, Object> logging = CloudFormationTemplate.map(template.properties(function).get("LoggingConfig"));
            String group = ref(logging.get("LogGroup"));
            assertEquals("AWS::Logs::LogGroup", template.resources().get(group).get("Type"), function);
            assertTrue(template.properties(group).containsKey("RetentionInDays"), group);
        }
    }

    @Test
    void no_function_lets_callers_without_credentials_in() throws Exception {
        // athanor.auth.anonymous-team is for a laptop only: the cloud never sets it, in any spelling
        String text = Files.readString(TEMPLATE).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        assertFalse(text.contains("ANONYMOUS_TEAM"), "template.yaml sets athanor.auth.anonymous-team");
    }

    @Test
    void no_function_has_a_broad_managed_policy() {
        for (String function : functions().keySet()) {
            String policies = String.valueOf(template.properties(function).get("Policies"));
            assertFalse(policies.contains("FullAccess") || policies.contains("AdministratorAccess"), function + ": " + policies);
        }
    }

    @Test
    void each_http_surface_has_its_own_api_and_local_port() {
        List<Object> ports = new ArrayList<>();
        Set<String> apis = new HashSet<>();
        for (var function : functions().entrySet()) {
            Object port = CloudFormationTemplate.map(function.getValue().get("Metadata")).get("LocalPort");
            if (port == null) {
                continue;
            }
            ports.add(port);
            CloudFormationTemplate.map(template.properties(function.getKey()).get("Events")).values().forEach(event ->
                    apis.add(ref(CloudFormationTemplate.map(CloudFormationTemplate.map(event).get("Properties")).get("RestApiId"))));
        }
        assertEquals(List.of(3001, 8000, 1336, 8001, 8002), ports);
        assertEquals(5, apis.size(), apis.toString());
    }

    @Test
    void the_activity_table_expires_entries_on_the_attribute_the_code_writes() {
        Map<String, Object> ttl = CloudFormationTemplate.map(template.properties("ActivityTable")
                .get("TimeToLiveSpecification"));
        assertEquals(ActivityItem.EXPIRES_AT, ttl.get("AttributeName"));
        assertEquals(true, ttl.get("Enabled"));
    }

    @Test
    void every_web_adapter_function_streams_its_answer_on_every_route_from_the_port_its_server_listens_on() {
        for (var function : functions().entrySet()) {
            if (!LocalResources.behindWebAdapter(function.getValue())) {
                continue;
            }
            String id = function.getKey();
            Map<String, Object> variables = variables(id);
            assertEquals("response_stream", variables.get("AWS_LWA_INVOKE_MODE"), id);
            assertEquals(String.valueOf(variables.get("AWS_LWA_PORT")),
                    String.valueOf(variables.get("MICRONAUT_SERVER_PORT")), id);
            Map<String, Object> events = CloudFormationTemplate.map(template.properties(id).get("Events"));
            Map<String, Object> url = CloudFormationTemplate.map(template.properties(id).get("FunctionUrlConfig"));
            assertFalse(events.isEmpty() && url.isEmpty(), id + " has no route");
            // without it API Gateway (or the function URL) buffers the whole answer before sending any of it
            events.forEach((name, event) -> assertEquals("RESPONSE_STREAM", CloudFormationTemplate.map(
                    CloudFormationTemplate.map(event).get("Properties")).get("ResponseTransferMode"), id + "." + name));
            if (!url.isEmpty()) {
                assertEquals("RESPONSE_STREAM", url.get("InvokeMode"), id + " function URL");
            }
        }
    }

    private static boolean isHttpSurface(Map<String, Object> function) {
        return CloudFormationTemplate.map(function.get("Metadata")).containsKey("LocalPort");
    }

    private String codeUri(String function) {
        return String.valueOf(template.properties(function).get("CodeUri"));
    }

    /** The resources named by {@code !GetAtt X.attribute} among the values. */
    private static Set<String> getAtts(java.util.Collection<Object> values) {
        Set<String> named = new HashSet<>();
        for (Object value : values) {
            if (CloudFormationTemplate.map(value).get("Fn::GetAtt") instanceof List<?> target) {
                named.add(String.valueOf(target.get(0)));
            }
        }
        return named;
    }

    private Map<String, Object> variables(String function) {
        return CloudFormationTemplate.map(CloudFormationTemplate.map(template.properties(function).get("Environment")).get("Variables"));
    }

    private boolean hasPolicyOn(String function, String tableId) {
        Object policies = template.properties(function).get("Policies");
        if (!(policies instanceof List<?> list)) {
            return false;
        }
        return list.stream().map(CloudFormationTemplate::map).anyMatch(policy -> policy.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("DynamoDB")
                        && tableId.equals(ref(CloudFormationTemplate.map(e.getValue()).get("TableName")))));
    }

    private boolean hasQueuePolicy(String function, String policyName, String queueId) {
        Object policies = template.properties(function).get("Policies");
        if (!(policies instanceof List<?> list)) {
            return false;
        }
        return list.stream().map(CloudFormationTemplate::map).anyMatch(policy -> {
            Object queueName = CloudFormationTemplate.map(policy.get(policyName)).get("QueueName");
            Object getAtt = CloudFormationTemplate.map(queueName).get("Fn::GetAtt");
            return getAtt instanceof List<?> target && queueId.equals(String.valueOf(target.get(0)));
        });
    }

    private static String sub(Object value) {
        return String.valueOf(CloudFormationTemplate.map(value).get("Fn::Sub"));
    }

    private static String ref(Object value) {
        return String.valueOf(CloudFormationTemplate.map(value).get("Ref"));
    }

    private static void assertKeysMatch(TableDefinition<?> table, CreateTableRequest declared) {
        TableMetadata metadata = table.schema().tableMetadata();
        List<KeySchemaElement> expected = new ArrayList<>();
        expected.add(KeySchemaElement.builder().attributeName(metadata.primaryPartitionKey()).keyType(KeyType.HASH).build());
        metadata.primarySortKey().ifPresent(sort ->
                expected.add(KeySchemaElement.builder().attributeName(sort).keyType(KeyType.RANGE).build()));
        assertEquals(expected, declared.keySchema(), table.logicalName() + " key schema");
        Map<String, List<KeySchemaElement>> codeIndexes = new HashMap<>();
        metadata.indices().forEach(index -> {
            if (!index.name().equals(TableMetadata.primaryIndexName())) {
                List<KeySchemaElement> keys = new ArrayList<>();
                index.partitionKey().ifPresent(key -> keys.add(KeySchemaElement.builder().attributeName(key.name())
                        .keyType(KeyType.HASH).build()));
                index.sortKey().ifPresent(key -> keys.add(KeySchemaElement.builder().attributeName(key.name())
                        .keyType(KeyType.RANGE).build()));
                codeIndexes.put(index.name(), keys);
            }
        });
        Map<String, List<KeySchemaElement>> declaredIndexes = new HashMap<>();
        declared.globalSecondaryIndexes().forEach(index -> declaredIndexes.put(index.indexName(), index.keySchema()));
        assertEquals(codeIndexes, declaredIndexes, table.logicalName() + " secondary indexes and their keys");
    }
}
