package dev.athanor.local.services;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** DynamoDB Local in this JVM: in memory, or persisted in a directory so a restart keeps the data. */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** @param dataDir where tables are kept, or {@code null} for in-memory */
    public static EmbeddedDynamoDb start(Path dataDir) throws Exception {
        int port = FreePort.find();
        String[] args;
        if (dataDir == null) {
            args = new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"};
        } else {
            Files.createDirectories(dataDir);
            args = new String[] {"-dbPath", dataDir.toString(), "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"};
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
        server.start();
        return new EmbeddedDynamoDb(server, port);
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
