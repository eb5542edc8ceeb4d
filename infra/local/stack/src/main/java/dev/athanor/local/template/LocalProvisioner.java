package dev.athanor.local.template;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the template's tables, queues and buckets on the local stand-ins, as CloudFormation would. Existing
 * resources are left as they are, so a restart keeps its data.
 */
public final class LocalProvisioner {

    private static final Map<String, QueueAttributeName> QUEUE_ATTRIBUTES = Map.of(
            "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT,
            "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD,
            "DelaySeconds", QueueAttributeName.DELAY_SECONDS,
            "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS,
            "MaximumMessageSize", QueueAttributeName.MAXIMUM_MESSAGE_SIZE,
            "FifoQueue", QueueAttributeName.FIFO_QUEUE,
            "ContentBasedDeduplication", QueueAttributeName.CONTENT_BASED_DEDUPLICATION);

    private final LocalResources resources;
    private final IntrinsicResolver resolver;

    public LocalProvisioner(LocalResources resources) {
        this.resources = resources;
        this.resolver = resources.resolver();
    }

    public void provision(DynamoDbClient dynamo, SqsClient sqs, S3Client s3) {
        CloudFormationTemplate template = resources.template();
        template.resources(LocalResources.TABLE).keySet().forEach(id -> createTable(dynamo, id));
        createQueues(sqs, template.resources(LocalResources.QUEUE).keySet());
        template.resources(LocalResources.BUCKET).keySet().forEach(id -> createBucket(s3, id));
    }

    /** The request CloudFormation's table properties amount to (also what the consistency test compares). */
    @SuppressWarnings("unchecked")
    public CreateTableRequest createTableRequest(String logicalId) {
        Map<String, Object> p = (Map<String, Object>) resolver.resolve(resources.template().properties(logicalId));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(resources.tableName(logicalId))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(p.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(str(a.get("AttributeName")))
                                .attributeType(str(a.get("AttributeType"))).build())
                        .toList())
                .keySchema(keySchema(p.get("KeySchema")));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Map<String, Object> index : list(p.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> projection = CloudFormationTemplate.map(index.get("Projection"));
            Projection.Builder proj = Projection.builder().projectionType(str(projection.getOrDefault("ProjectionType", "ALL")));
            if (projection.get("NonKeyAttributes") instanceof List<?> nonKey) {
                proj.nonKeyAttributes(nonKey.stream().map(String::valueOf).toList());
            }
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(str(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(proj.build())
                    .build());
        }
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        return request.build();
    }

    private void createTable(DynamoDbClient dynamo, String logicalId) {
        try {
            dynamo.createTable(createTableRequest(logicalId));
        } catch (ResourceInUseException alreadyThere) {
            // kept from an earlier run
        }
    }

    private void createQueues(SqsClient sqs, Iterable<String> queueIds) {
        // Dead-letter queues first: a redrive policy may only name a queue that exists.
        List<String> ordered = new ArrayList<>();
        for (String id : queueIds) {
            if (resources.template().properties(id).containsKey("RedrivePolicy")) {
                ordered.add(id);
            } else {
                ordered.add(0, id);
            }
        }
        for (String id : ordered) {
            Map<String, Object> p = CloudFormationTemplate.map(resolver.resolve(resources.template().properties(id)));
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
            QUEUE_ATTRIBUTES.forEach((property, attribute) -> {
                if (p.containsKey(property)) {
                    attributes.put(attribute, str(p.get(property)));
                }
            });
            Map<String, Object> redrive = CloudFormationTemplate.map(p.get("RedrivePolicy"));
            if (!redrive.isEmpty()) {
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\""
                        + str(redrive.get("deadLetterTargetArn")) + "\",\"maxReceiveCount\":\""
                        + str(redrive.get("maxReceiveCount")) + "\"}");
            }
            sqs.createQueue(b -> b.queueName(resources.queueName(id)).attributes(attributes));
        }
    }

    private void createBucket(S3Client s3, String logicalId) {
        String name = resources.bucketName(logicalId);
        try {
            s3.createBucket(b -> b.bucket(name));
        } catch (S3Exception e) {
            if (e.statusCode() != 409) { // 409: kept from an earlier run
                throw e;
            }
        }
    }

    private static List<KeySchemaElement> keySchema(Object schema) {
        return list(schema).stream()
                .map(k -> KeySchemaElement.builder().attributeName(str(k.get("AttributeName"))).keyType(str(k.get("KeyType"))).build())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static String str(Object value) {
        return String.valueOf(value);
    }
}
