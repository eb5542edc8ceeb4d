package dev.athanor.local.services;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import java.net.URI;

/** ElasticMQ, an SQS-compatible server, in this JVM. Queues and messages live in memory. */
public final class EmbeddedSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://localhost:" + port);
    }

    public static EmbeddedSqs start(String region, String accountId) {
        SQSRestServer server = SQSRestServerBuilder.withInterface("localhost")
                .withDynamicPort()
                .withAWSRegion(region)
                .withAWSAccountId(accountId)
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedSqs(server, port);
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        server.stopAndWait();
    }
}
