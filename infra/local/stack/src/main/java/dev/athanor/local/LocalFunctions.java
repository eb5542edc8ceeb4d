package dev.athanor.local;

import dev.athanor.local.template.CloudFormationTemplate;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.PropertySource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Configures a Micronaut context the way the cloud configures a function: with the environment variables
 * template.yaml gives it (read with Micronaut's environment-variable naming, as in Lambda), plus the local endpoints.
 */
public final class LocalFunctions {

    private LocalFunctions() {
    }

    /**
     * A function the template gives a database (the usage ledger) gets the stack's local one, so the ledger function
     * that writes the ledger and the factory that reads it share it here as they share PostgreSQL in the cloud.
     *
     * @param overrides settings only the local platform or a test has (signing key, admin key, port); they win
     */
    public static ApplicationContextBuilder contextBuilder(LocalStack stack, String functionId, Map<String, Object> overrides) {
        Map<String, Object> environment = new LinkedHashMap<>(stack.functionEnvironment(functionId));
        Map<String, Object> local = new LinkedHashMap<>(stack.awsProperties());
        if (environment.containsKey(LocalLedger.URL_VARIABLE)) {
            local.put(LocalLedger.URL_PROPERTY, stack.ledgerUrl());
        }
        local.putAll(overrides);
        return ApplicationContext.builder()
                .deduceEnvironment(false)
                // as the Lambda handlers do: every singleton is built at start-up, so a missing setting fails there
                .eagerInitSingletons(true)
                .propertySources(
                        PropertySource.of("template:" + functionId, environment, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE),
                        PropertySource.of("local", local, 100));
    }

    /** The port a surface serves on locally ({@code Metadata.LocalPort}), if it is an HTTP surface. */
    public static Optional<Integer> localPort(LocalStack stack, String functionId) {
        Map<String, Object> function = stack.resources().template().resources().getOrDefault(functionId, Map.of());
        Object port = CloudFormationTemplate.map(function.get("Metadata")).get("LocalPort");
        return Optional.ofNullable(port).map(p -> Integer.parseInt(p.toString()));
    }

    /**
     * The function whose context runs this one's event handlers locally ({@code Metadata.LocalContext}): a consumer
     * that must reach what lives in a server's context (the orchestrator's sockets) runs there instead of its own.
     */
    public static Optional<String> localContext(LocalStack stack, String functionId) {
        Map<String, Object> function = stack.resources().template().resources().getOrDefault(functionId, Map.of());
        Object host = CloudFormationTemplate.map(function.get("Metadata")).get("LocalContext");
        return Optional.ofNullable(host).map(Object::toString);
    }
}
