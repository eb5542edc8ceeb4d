package dev.athanor.factory.jobs;

import dev.athanor.core.budget.BudgetedLlm;
import dev.athanor.core.llm.CallContext;
import dev.athanor.core.pipeline.StepExecutor;
import dev.athanor.core.pipeline.StepRequest;
import dev.athanor.core.pipeline.StepResult;
import dev.athanor.llm.pricing.PricingTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.agents.AgentConfig;
import dev.athanor.model.agents.AgentSource;
import dev.athanor.model.artifacts.ArtifactStore;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.factory.GeneratedFiles;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.prompt.TemplateRenderer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs one phase of a factory job: the phase's agent (model and system prompt from the team's agent configuration)
 * gets the job's request and the documents of the phases before it. Its answer is kept as {@code docs/<phase>.md};
 * the files it answers with are written under {@code source/} and {@code docs/}; its verdict line steers the repair
 * loop and the approval gates. What else a phase does is the action its state names in the pipeline definition:
 * {@value #SCAFFOLD} writes the project skeleton first, {@value #DESIGN} works from the documents alone,
 * {@value #CODE} also reads the code so far, {@value #EXPORT} packs the ZIP after.
 * <p>
 * Every write replaces the same keys, so running a phase twice (a redelivery) leaves one result.
 */
@Singleton
@Requires(beans = {ArtifactStore.class, AgentSource.class, BudgetedLlm.class, Lessons.class})
public class FactoryPhaseRunner implements StepExecutor {

    public static final String SCAFFOLD = "factory.scaffold";
    public static final String DESIGN = "factory.design";
    public static final String CODE = "factory.code";
    public static final String EXPORT = "factory.export";

    private static final int DOC_EXCERPT = 3_000;
    private static final int CODE_BUDGET = 24_000;

    private final AgentSource agents;
    private final BudgetedLlm llm;
    private final Executor blocking;
    private final PricingTable prices;
    private final ArtifactStore artifacts;
    private final ZipExport zip;
    private final Lessons lessons;
    private final FactoryPipeline pipeline;

    public FactoryPhaseRunner(AgentSource agents, BudgetedLlm llm, @Named(TaskExecutors.BLOCKING) Executor blocking,
                              PricingTable prices, ArtifactStore artifacts, ZipExport zip, Lessons lessons,
                              FactoryPipeline pipeline) {
        this.pipeline = pipeline;
        this.agents = agents;
        this.llm = llm;
        this.blocking = blocking;
        this.prices = prices;
        this.artifacts = artifacts;
        this.zip = zip;
        this.lessons = lessons;
    }

    @Override
    public Set<String> actions() {
        return Set.of(SCAFFOLD, DESIGN, CODE, EXPORT);
    }

    @Override
    public StepResult run(StepRequest request) throws Exception {
        TeamId team = request.team();
        Map<String, String> vars = request.execution().vars();
        String slug = vars.get("slug");
        String phase = request.state();
        String action = request.definition().action();
        AgentConfig agent = agents.resolve(team, request.definition().agent());
        String prefix = FactoryPipeline.jobPrefix(slug);
        if (SCAFFOLD.equals(action)) {
            Scaffold.files(vars).forEach((path, content) -> write(team, prefix + path, content));
        }
        String prompt = TemplateRenderer.render(request.definition().prompt(), vars).text() + context(team, slug, phase, CODE.equals(action));
        ChatRequest chat = ChatRequest.of(agent.model(),
                List.of(ChatMessage.system(agent.systemPrompt() + lessons.approved(team)), ChatMessage.user(prompt)));
        ChatResponse answer;
        try {
            CallContext call = new CallContext(team, "factory", null, slug, agent.agentId());
            // within the team's daily cost limit: reserved before the call, settled after it
            answer = CompletableFuture.supplyAsync(() -> llm.chat(call, chat), blocking)
                    .get(request.timeoutSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LlmException failure) {
                return new StepResult.Failed(agent.agentId() + " (" + agent.model() + "): " + failure.getMessage(),
                        failure.retryable(), BigDecimal.ZERO);
            }
            if (e.getCause() instanceof DomainException refused) { // the daily cost limit, an unknown model
                return new StepResult.Failed(refused.getMessage(), false, BigDecimal.ZERO);
            }
            throw e;
        }
        BigDecimal cost = prices.cost(answer.model() == null ? agent.model() : answer.model(), answer.usage());
        Map<String, String> files = GeneratedFiles.files(answer.content());
        files.forEach((path, content) -> write(team, prefix + path, content));
        write(team, prefix + "docs/" + phase + ".md", answer.content());
        lessons.propose(team, slug, agent.agentId(), GeneratedFiles.lessons(answer.content()));
        if (EXPORT.equals(action)) {
            zip.export(team, slug);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put(phase + "_verdict", GeneratedFiles.verdict(answer.content()));
        outputs.put(phase + "_summary", GeneratedFiles.summary(answer.content(), 200));
        outputs.put(phase + "_files", Integer.toString(files.size()));
        return new StepResult.Succeeded(outputs, cost);
    }

    /** What the phases before this one left: their documents, and the code when the phase works on it. */
    private String context(TeamId team, String slug, String phase, boolean withCode) {
        String prefix = FactoryPipeline.jobPrefix(slug);
        StringBuilder context = new StringBuilder();
        for (String earlier : pipeline.phases()) {
            if (earlier.equals(phase)) {
                break;
            }
            artifacts.get(team, prefix + "docs/" + earlier + ".md").ifPresent(doc -> context
                    .append("\n\n## ").append(earlier).append(" report\n").append(excerpt(doc, DOC_EXCERPT)));
        }
        if (withCode) {
            int budget = CODE_BUDGET;
            context.append("\n\n## Code so far\n");
            for (ArtifactStore.Entry entry : artifacts.list(team, prefix + "source/")) {
                String path = entry.path().substring(prefix.length());
                if (entry.size() > budget) {
                    context.append("- ").append(path).append(" (").append(entry.size()).append(" bytes, omitted)\n");
                    continue;
                }
                String content = artifacts.get(team, entry.path()).map(b -> new String(b, StandardCharsets.UTF_8))
                        .orElse("");
                budget -= content.length();
                context.append("```text path=").append(path).append('\n').append(content);
                if (!content.endsWith("\n")) {
                    context.append('\n');
                }
                context.append("```\n");
            }
        }
        return context.toString();
    }

    private static String excerpt(byte[] content, int max) {
        String text = new String(content, StandardCharsets.UTF_8);
        return text.length() <= max ? text : text.substring(0, max) + "\n[...]";
    }

    private void write(TeamId team, String path, String content) {
        artifacts.put(team, path, content.getBytes(StandardCharsets.UTF_8), contentType(path));
    }

    private static String contentType(String path) {
        return path.endsWith(".md") ? "text/markdown; charset=utf-8" : "text/plain; charset=utf-8";
    }
}
