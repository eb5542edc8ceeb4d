package dev.athanor.local;

import dev.athanor.local.services.EmbeddedDynamoDb;
import dev.athanor.local.services.EmbeddedS3;
import dev.athanor.local.services.EmbeddedSqs;
import dev.athanor.local.template.CloudFormationTemplate;
import dev.athanor.local.template.LocalProvisioner;
import dev.athanor.local.template.LocalResources;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * DynamoDB Local, ElasticMQ and S3Proxy in this JVM, with every table, queue and bucket of template.yaml created on
 * them. It also says how a function is configured here: its template environment plus the local endpoints.
 */
public final class LocalStack implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String ACCESS_KEY = "athanorlocal";
    public static final String SECRET_KEY = "athanorlocalsecret";
    public static final String STAGE = "local";

    private final EmbeddedDynamoDb dynamoServer;
    private final EmbeddedSqs sqsServer;
    private final EmbeddedS3 s3Server;
    private final LocalResources resources;
    private final String ledgerUrl;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final S3Client s3;

    private LocalStack(EmbeddedDynamoDb dynamoServer, EmbeddedSqs sqsServer, EmbeddedS3 s3Server,
                       LocalResources resources, String ledgerUrl) {
        this.dynamoServer = dynamoServer;
        this.sqsServer = sqsServer;
        this.s3Server = s3Server;
        this.resources = resources;
        this.ledgerUrl = ledgerUrl;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        this.dynamo = DynamoDbClient.builder().endpointOverride(dynamoServer.endpoint()).region(Region.of(REGION))
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        this.sqs = SqsClient.builder().endpointOverride(sqsServer.endpoint()).region(Region.of(REGION))
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        this.s3 = S3Client.builder().endpointOverride(s3Server.endpoint()).region(Region.of(REGION)).forcePathStyle(true)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * Starts the stand-ins and provisions {@code template}.
     *
     * @param dataDir where DynamoDB, S3 and the usage ledger keep their data, or {@code null} to keep everything in
     *                memory
     */
    public static LocalStack start(Path template, Path dataDir) throws Exception {
        // the three servers are independent; starting them together roughly halves the wait
        CompletableFuture<EmbeddedSqs> sqs = CompletableFuture.supplyAsync(() -> EmbeddedSqs.start(REGION, ACCOUNT_ID));
        CompletableFuture<EmbeddedDynamoDb> dynamo = CompletableFuture.supplyAsync(unchecked(() ->
                EmbeddedDynamoDb.start(dataDir == null ? null : dataDir.resolve("dynamodb"))));
        CompletableFuture<EmbeddedS3> s3 = CompletableFuture.supplyAsync(unchecked(() ->
                EmbeddedS3.start(dataDir == null ? null : dataDir.resolve("s3"), ACCESS_KEY, SECRET_KEY)));
        try {
            CompletableFuture.allOf(sqs, dynamo, s3).join();
            LocalResources resources = new LocalResources(CloudFormationTemplate.load(template),
                    Map.of("Stage", STAGE), REGION, ACCOUNT_ID, sqs.join().endpoint());
            LocalStack stack = new LocalStack(dynamo.join(), sqs.join(), s3.join(), resources,
                    LocalLedger.jdbcUrl(dataDir));
            try {
                new LocalProvisioner(resources).provision(stack.dynamo, stack.sqs, stack.s3);
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            }
            return stack;
        } catch (CompletionException e) {
            for (CompletableFuture<? extends AutoCloseable> server : List.of(sqs, dynamo, s3)) {
                if (!server.isCompletedExceptionally()) {
                    try {
                        server.join().close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private interface StartStep<T> {
        T start() throws Exception;
    }

    private static <T> Supplier<T> unchecked(StartStep<T> step) {
        return () -> {
            try {
                return step.start();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        };
    }

    public LocalResources resources() {
        return resources;
    }

    /** Settings that point the AWS SDK clients of micronaut-aws-sdk-v2 at the local stand-ins. */
    public Map<String, Object> awsProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("aws.region", REGION);
        properties.put("aws.access-key-id", ACCESS_KEY);
        properties.put("aws.secret-key", SECRET_KEY);
        properties.put("aws.services.dynamodb.endpoint-override", dynamoServer.endpoint().toString());
        properties.put("aws.services.sqs.endpoint-override", sqsServer.endpoint().toString());
        properties.put("aws.services.s3.endpoint-override", s3Server.endpoint().toString());
        properties.put("aws.services.s3.force-path-style", true);
        return properties;
    }

    /** The JDBC URL of this stack's usage ledger, shared by every function the template gives a database. */
    public String ledgerUrl() {
        return ledgerUrl;
    }

    /** A function's environment variables as template.yaml declares them, resolved for this machine. */
    public Map<String, String> functionEnvironment(String functionLogicalId) {
        return resources.environment(functionLogicalId);
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public S3Client s3() {
        return s3;
    }

    @Override
    public void close() throws Exception {
        dynamo.close();
        sqs.close();
        s3.close();
        Exception failure = null;
        for (AutoCloseable server : List.of(s3Server, dynamoServer, sqsServer)) {
            try {
                server.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
