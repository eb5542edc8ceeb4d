package dev.athanor.local.template;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the template's resources are called on this machine: the same names CloudFormation would give them (from
 * their name properties, with {@code Stage} and the pseudo parameters set locally), and the local endpoints they live
 * at. Function environments resolve through here, so a function sees the same variables locally as in the cloud.
 */
public final class LocalResources {

    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String QUEUE = "AWS::SQS::Queue";
    public static final String BUCKET = "AWS::S3::Bucket";
    public static final String RULE = "AWS::Events::Rule";

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minutes?|hours?|days?)\\)");

    /**
     * Whether a function runs its jar as a web server behind the Lambda Web Adapter (streaming routes) rather than
     * through a handler class. Locally such a route is served by the surface's own Netty server.
     */
    public static boolean behindWebAdapter(Map<String, Object> function) {
        Map<String, Object> properties = CloudFormationTemplate.map(function.get("Properties"));
        Map<String, Object> environment = CloudFormationTemplate.map(properties.get("Environment"));
        return CloudFormationTemplate.map(environment.get("Variables")).containsKey("AWS_LAMBDA_EXEC_WRAPPER");
    }

    private final CloudFormationTemplate template;
    private final IntrinsicResolver resolver;
    private final String region;
    private final String accountId;
    private final String stackName;
    private final URI sqsEndpoint;

    public LocalResources(CloudFormationTemplate template, Map<String, String> parameters, String region,
                          String accountId, URI sqsEndpoint) {
        this.template = template;
        this.region = region;
        this.accountId = accountId;
        this.sqsEndpoint = sqsEndpoint;
        Map<String, String> all = new LinkedHashMap<>(parameters);
        all.put("AWS::Region", region);
        all.put("AWS::AccountId", accountId);
        all.putIfAbsent("AWS::StackName", "athanor-local");
        all.put("AWS::Partition", "aws");
        all.put("AWS::URLSuffix", "amazonaws.com");
        this.stackName = all.get("AWS::StackName");
        this.resolver = new IntrinsicResolver(template, all, this::ref, this::attribute);
    }

    public CloudFormationTemplate template() {
        return template;
    }

    public IntrinsicResolver resolver() {
        return resolver;
    }

    public String tableName(String logicalId) {
        return named(logicalId, "TableName");
    }

    public String queueName(String logicalId) {
        return named(logicalId, "QueueName");
    }

    public String queueUrl(String logicalId) {
        return sqsEndpoint + "/" + accountId + "/" + queueName(logicalId);
    }

    public String bucketName(String logicalId) {
        return named(logicalId, "BucketName");
    }

    /** The variables a function runs with: SAM globals overlaid by the function's own. */
    public Map<String, String> environment(String functionId) {
        Map<String, String> environment = new LinkedHashMap<>();
        addVariables(environment, template.functionGlobals());
        addVariables(environment, template.properties(functionId));
        return environment;
    }

    /** Every SQS event source in the template: which function consumes which queue. */
    public List<QueueSubscription> queueSubscriptions() {
        Map<String, String> queueByArn = queuesByArn();
        List<QueueSubscription> subscriptions = new ArrayList<>();
        template.resources(FUNCTION).forEach((functionId, function) -> {
            Map<String, Object> properties = CloudFormationTemplate.map(function.get("Properties"));
            CloudFormationTemplate.map(properties.get("Events")).forEach((eventName, event) -> {
                Map<String, Object> e = CloudFormationTemplate.map(event);
                if (!"SQS".equals(e.get("Type"))) {
                    return;
                }
                Map<String, Object> p = CloudFormationTemplate.map(e.get("Properties"));
                String arn = resolver.string(p.get("Queue"));
                String queueId = queueByArn.get(arn);
                if (queueId == null) {
                    throw new IllegalStateException(functionId + "." + eventName + " reads " + arn
                            + ", which is not a queue of this template");
                }
                int batchSize = p.containsKey("BatchSize") ? Integer.parseInt(resolver.string(p.get("BatchSize"))) : 10;
                List<?> responseTypes = (List<?>) resolver.resolve(p.getOrDefault("FunctionResponseTypes", List.of()));
                subscriptions.add(new QueueSubscription(functionId, resolver.string(properties.get("Handler")), queueId,
                        queueUrl(queueId), arn, batchSize, responseTypes.contains("ReportBatchItemFailures")));
            });
        });
        return subscriptions;
    }

    /**
     * Every enabled EventBridge rule with a {@code rate(...)} schedule, for each of its targets that is a queue of this
     * template: what the rule puts on that queue, and how often. Targets of other kinds have no local stand-in.
     */
    public List<ScheduledMessage> scheduledMessages() {
        Map<String, String> queueByArn = queuesByArn();
        List<ScheduledMessage> messages = new ArrayList<>();
        template.resources(RULE).forEach((ruleId, rule) -> {
            Map<String, Object> properties = CloudFormationTemplate.map(rule.get("Properties"));
            Object expression = properties.get("ScheduleExpression");
            if (expression == null || "DISABLED".equals(properties.get("State"))) {
                return;
            }
            Duration rate = rate(ruleId, resolver.string(expression));
            for (Object target : (List<?>) properties.getOrDefault("Targets", List.of())) {
                Map<String, Object> t = CloudFormationTemplate.map(target);
                String queueId = queueByArn.get(resolver.string(t.get("Arn")));
                if (queueId != null) {
                    messages.add(new ScheduledMessage(ruleId, queueId, queueUrl(queueId),
                            resolver.string(t.get("Input")), rate));
                }
            }
        });
        return messages;
    }

    /** The template's queues by their ARN, as event sources and rule targets name them. */
    private Map<String, String> queuesByArn() {
        Map<String, String> queueByArn = new LinkedHashMap<>();
        template.resources(QUEUE).keySet().forEach(id -> queueByArn.put(attribute(id, "Arn"), id));
        return queueByArn;
    }

    /** An EventBridge {@code rate(n unit)} expression; cron expressions have no local timer. */
    static Duration rate(String where, String expression) {
        Matcher m = RATE.matcher(expression.trim());
        if (!m.matches()) {
            throw new IllegalStateException(where + ": only rate(...) schedules run locally, not " + expression);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private void addVariables(Map<String, String> environment, Map<String, Object> functionProperties) {
        Map<String, Object> variables = CloudFormationTemplate.map(
                CloudFormationTemplate.map(functionProperties.get("Environment")).get("Variables"));
        variables.forEach((name, value) -> {
            Object resolved = resolver.resolve(value);
            if (resolved != IntrinsicResolver.NO_VALUE) {
                environment.put(name, String.valueOf(resolved));
            }
        });
    }

    private String named(String logicalId, String nameProperty) {
        Object name = template.properties(logicalId).get(nameProperty);
        return name == null ? stackName + "-" + logicalId : resolver.string(name);
    }

    private String type(String logicalId) {
        Map<String, Object> resource = template.resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("Unknown resource or parameter: " + logicalId);
        }
        return String.valueOf(resource.get("Type"));
    }

    /** What {@code Ref} returns for a resource, as CloudFormation documents it per type. */
    String ref(String logicalId) {
        return switch (type(logicalId)) {
            case TABLE -> tableName(logicalId);
            case QUEUE -> queueUrl(logicalId);
            case BUCKET -> bucketName(logicalId);
            case "AWS::SecretsManager::Secret" -> arn("secretsmanager", "secret:" + named(logicalId, "Name"));
            case FUNCTION -> named(logicalId, "FunctionName");
            case "AWS::Logs::LogGroup" -> named(logicalId, "LogGroupName");
            default -> logicalId;
        };
    }

    /** What {@code Fn::GetAtt} returns for a resource's attribute. */
    String attribute(String logicalId, String attribute) {
        String type = type(logicalId);
        return switch (type + "." + attribute) {
            case TABLE + ".Arn" -> arn("dynamodb", "table/" + tableName(logicalId));
            case TABLE + ".StreamArn" -> arn("dynamodb", "table/" + tableName(logicalId) + "/stream/local");
            case QUEUE + ".Arn" -> arn("sqs", queueName(logicalId));
            case QUEUE + ".QueueName" -> queueName(logicalId);
            case QUEUE + ".QueueUrl" -> queueUrl(logicalId);
            case BUCKET + ".Arn" -> "arn:aws:s3:::" + bucketName(logicalId);
            case "AWS::KMS::Key.Arn" -> arn("kms", "key/" + logicalId);
            case FUNCTION + ".Arn" -> arn("lambda", "function:" + ref(logicalId));
            case "AWS::Logs::LogGroup.Arn" -> arn("logs", "log-group:" + ref(logicalId));
            case "AWS::SNS::Topic.TopicArn" -> arn("sns", logicalId);
            default -> logicalId + "." + attribute;
        };
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
