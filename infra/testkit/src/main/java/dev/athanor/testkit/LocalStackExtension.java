package dev.athanor.testkit;

import dev.athanor.local.LocalStack;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the embedded stack (DynamoDB Local, ElasticMQ, S3Proxy, provisioned from template.yaml) once per test JVM
 * and stops it when the JVM's tests are done. Use with {@code @ExtendWith(LocalStackExtension.class)}.
 */
public final class LocalStackExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);
    private static volatile LocalStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("stack", key -> {
            try {
                stack = LocalStack.start(template(), null);
            } catch (Exception e) {
                throw new IllegalStateException("The embedded stack did not start", e);
            }
            return new StackResource();
        });
    }

    /** Closed by JUnit when the root context (the whole test JVM run) ends. */
    private static final class StackResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            stack.close();
        }
    }

    public static LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException("Annotate the test class with @ExtendWith(LocalStackExtension.class)");
        }
        return stack;
    }

    /** template.yaml at the project root (system property {@code athanor.root}, set by the build). */
    public static Path template() {
        Path root = Path.of(System.getProperty("athanor.root", "."));
        for (Path dir = root.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml"))) {
                return dir.resolve("template.yaml");
            }
        }
        throw new IllegalStateException("template.yaml not found above " + root.toAbsolutePath());
    }
}
