package dev.athanor.local.platform;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.live.LocalSessions;
import dev.athanor.local.LocalFunctions;
import dev.athanor.local.LocalLambdaContext;
import dev.athanor.local.LocalStack;
import dev.athanor.local.SqsPoller;
import dev.athanor.local.template.LocalResources;
import dev.athanor.local.template.QueueSubscription;
import dev.athanor.local.template.ScheduledMessage;
import dev.athanor.model.TeamId;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

/**
 * Every surface of template.yaml on its local port, every queue consumer fed by a poller and every schedule rule's
 * message sent on a timer, in one JVM, on the embedded stack. Each function runs in its own Micronaut context
 * configured from its template environment; those given a database share the stack's local usage ledger (see
 * {@link LocalFunctions}).
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);

    /** The team callers without credentials act for when the platform is started by {@link Main}. */
    public static final String ANONYMOUS_TEAM = "default";
    /** Where every surface listens when callers without credentials are let in: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";

    /** An HTTP surface that is up: its template function, name and base URL. */
    public record Surface(String functionId, String name, String url, ApplicationContext context) {
    }

    private final LocalStack stack;
    private final LocalSecrets secrets;
    private final List<Surface> surfaces;
    private final Map<String, ApplicationContext> workerContexts;
    private final List<SqsPoller> pollers;
    private final ScheduledExecutorService timers;
    private final String anonymousTeam;

    private LocalPlatform(LocalStack stack, LocalSecrets secrets, List<Surface> surfaces,
                          Map<String, ApplicationContext> workerContexts, List<SqsPoller> pollers,
                          ScheduledExecutorService timers, String anonymousTeam) {
        this.anonymousTeam = anonymousTeam;
        this.stack = stack;
        this.secrets = secrets;
        this.surfaces = surfaces;
        this.workerContexts = workerContexts;
        this.pollers = pollers;
        this.timers = timers;
    }

    /**
     * The platform where every protected route needs a credential, as in the cloud.
     *
     * @param dataDir   where data and generated keys are kept, or {@code null} for an in-memory run
     * @param portOf    maps each surface's template port to the port to use (identity for the documented ports)
     */
    public static LocalPlatform start(Path template, Path dataDir, String adminKeyOverride, IntUnaryOperator portOf)
            throws Exception {
        return start(template, dataDir, adminKeyOverride, portOf, null, Map.of());
    }

    /**
     * @param anonymousTeam the team requests without credentials act for as a member
     *                      ({@code athanor.auth.anonymous-team}), or {@code null} for none; when given, every surface
     *                      listens on {@link #LOOPBACK} only, so nobody else on the network is let in
     * @param settings      operator settings by property name, as their environment variables would give them
     *                      ({@code openai.api.key} for {@code OPENAI_API_KEY}); the platform's own settings win
     */
    public static LocalPlatform start(Path template, Path dataDir, String adminKeyOverride, IntUnaryOperator portOf,
                                      String anonymousTeam, Map<String, Object> settings) throws Exception {
        LocalSecrets secrets = LocalSecrets.load(dataDir, adminKeyOverride);
        LocalStack stack = LocalStack.start(template, dataDir);
        List<Surface> surfaces = new ArrayList<>();
        // one context per consuming function, shared by its queues, as one Lambda function serves all its event sources
        Map<String, ApplicationContext> workers = new LinkedHashMap<>();
        List<SqsPoller> pollers = new ArrayList<>();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "athanor-schedules");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, Object> common = new LinkedHashMap<>(settings);
            if (anonymousTeam != null) {
                common.put("athanor.auth.anonymous-team", anonymousTeam);
                common.put("micronaut.server.host", LOOPBACK);
            }
            common.put("athanor.auth.jwt-secret", secrets.jwtSecret());
            common.put("athanor.auth.admin-key", secrets.adminKey());
            // provider API keys are sealed with a key file here; it wins over the template's KMS key id
            common.put("athanor.crypto.local-key-file", secrets.dataKeyFile().toString());
            // local Ollama and vLLM servers listen on localhost
            common.put("athanor.security.allow-private-urls", true);
            // anyone on this machine may register (a team of their own); verification links are printed to the log
            common.put("athanor.auth.registration", "open");
            common.put("athanor.mail.sender", "log");
            // the orchestrator's server takes the live events sockets itself (API Gateway holds them in the cloud)
            common.put(LocalSessions.ENABLED, true);
            for (String functionId : stack.resources().template().resources(LocalResources.FUNCTION).keySet()) {
                var port = LocalFunctions.localPort(stack, functionId);
                if (port.isEmpty()) {
                    continue;
                }
                Map<String, Object> properties = new LinkedHashMap<>(common);
                properties.put("micronaut.server.port", portOf.applyAsInt(port.get()));
                properties.put("athanor.auth.public-url", "http://localhost:" + portOf.applyAsInt(port.get()));
                ApplicationContext context = LocalFunctions.contextBuilder(stack, functionId, properties).start();
                EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
                String name = stack.functionEnvironment(functionId).getOrDefault("ATHANOR_SURFACE", functionId);
                surfaces.add(new Surface(functionId, name, "http://localhost:" + server.getPort(), context));
            }
            for (QueueSubscription subscription : stack.resources().queueSubscriptions()) {
                Optional<String> host = LocalFunctions.localContext(stack, subscription.functionId());
                ApplicationContext context = host.isPresent() ? surfaces.stream()
                        .filter(s -> s.functionId().equals(host.get())).map(Surface::context).findFirst()
                        .orElseThrow(() -> new IllegalStateException(subscription.functionId()
                                + " runs in the context of " + host.get() + ", which is not a local surface"))
                        : workers.get(subscription.functionId());
                if (context == null) {
                    context = LocalFunctions.contextBuilder(stack, subscription.functionId(), common).start();
                    workers.put(subscription.functionId(), context);
                }
                pollers.add(new SqsPoller(stack.sqs(), subscription, handler(subscription, context),
                        new LocalLambdaContext(subscription.functionId()), LocalStack.REGION, null).start());
            }
            // EventBridge schedule rules: their message on their queue, on a timer
            for (ScheduledMessage scheduled : stack.resources().scheduledMessages()) {
                long every = scheduled.rate().toMillis();
                timers.scheduleWithFixedDelay(() -> {
                    try {
                        stack.sqs().sendMessage(r -> r.queueUrl(scheduled.queueUrl()).messageBody(scheduled.body()));
                    } catch (RuntimeException e) {
                        LOG.warn("{} could not send its message; it tries again in {}", scheduled.ruleId(),
                                scheduled.rate(), e);
                    }
                }, every, every, TimeUnit.MILLISECONDS);
            }
            return new LocalPlatform(stack, secrets, surfaces, workers, pollers, timers, anonymousTeam);
        } catch (Exception | Error e) {
            new LocalPlatform(stack, secrets, surfaces, workers, pollers, timers, anonymousTeam).close();
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<SQSEvent, SQSBatchResponse> handler(QueueSubscription subscription,
                                                                      ApplicationContext context) throws Exception {
        Class<?> type = Class.forName(subscription.handlerClass());
        return (RequestHandler<SQSEvent, SQSBatchResponse>) type.getConstructor(ApplicationContext.class).newInstance(context);
    }

    public List<Surface> surfaces() {
        return surfaces;
    }

    public Surface surface(String name) {
        return surfaces.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No surface " + name));
    }

    /** The context of a queue-consuming function of the template (a surface's worker, the ledger function). */
    public ApplicationContext worker(String functionId) {
        ApplicationContext context = workerContexts.get(functionId);
        if (context == null) {
            throw new IllegalArgumentException("No queue-consuming function " + functionId);
        }
        return context;
    }

    public LocalStack stack() {
        return stack;
    }

    /** The team requests without credentials act for, or empty when every protected route needs a credential. */
    public Optional<String> anonymousTeam() {
        return Optional.ofNullable(anonymousTeam);
    }

    public String adminKey() {
        return secrets.adminKey();
    }

    /** A token for a team, minted by the factory's issuer, exactly as {@code POST /api/auth/token} would. */
    public TokenIssuer.IssuedToken token(String team, String role) {
        return surface("factory").context().getBean(TokenIssuer.class).issue(TeamId.of(team), role);
    }

    @Override
    public void close() throws Exception {
        timers.shutdownNow();
        for (SqsPoller poller : pollers) {
            poller.close();
        }
        for (Surface surface : surfaces) {
            surface.context().close();
        }
        for (ApplicationContext worker : workerContexts.values()) {
            worker.close();
        }
        stack.close();
    }
}
