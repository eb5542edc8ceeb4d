package dev.athanor.local.platform;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.athanor.core.work.QueueWorker;
import dev.athanor.local.LocalFunctions;
import dev.athanor.local.LocalStack;
import dev.athanor.model.TeamId;
import dev.athanor.model.promptlab.Evaluation;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.promptlab.eval.EvalRequest;
import dev.athanor.promptlab.eval.PromptEvaluations;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.context.ApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Benchmark of an LLM-as-judge evaluation (bench/eval-throughput.sh runs it): {@code samples} samples of the
 * built-in xsum set, two scoring functions, on the embedded stack, the model and the judge an OpenAI-compatible
 * vendor (WireMock) answering each call after {@code latencyMs}; the worker handler fed by {@code pollers} SQS
 * pollers, each standing for one concurrent Lambda invocation. Reports the wall time from the start to the
 * completed evaluation, one warm-up evaluation first.
 */
public final class EvalBench {

    private EvalBench() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int pollers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int latencyMs = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        WireMockServer vendor = new WireMockServer(wireMockConfig().dynamicPort());
        vendor.start();
        vendor.stubFor(get(urlEqualTo("/v1/models")).willReturn(okJson("""
                {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model", "owned_by": "system"}]}
                """)));
        vendor.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("""
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1767225600, "model": "gpt-4o-mini",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Score: 7\\nReason: Fine."},
                              "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 50, "completion_tokens": 10, "total_tokens": 60}}
                """).withFixedDelay(latencyMs)));
        Path keys = Files.createTempDirectory("athanor-bench");
        try (LocalStack stack = LocalStack.start(LocalStackExtension.template(), null);
             ApplicationContext worker = LocalFunctions.contextBuilder(stack, "PromptLabWorkerFunction", Map.of(
                     "athanor.crypto.local-key-file", keys.resolve("data-key").toString(),
                     "openai.api.key", "sk-bench",
                     "openai.base.url", vendor.baseUrl() + "/v1")).start()) {
            QueueWorker handler = new QueueWorker(worker);
            PromptEvaluations evaluations = worker.getBean(PromptEvaluations.class);
            long wall;
            try (BenchPollers ignored = new BenchPollers(stack, "PromptLabWorkQueue", handler, pollers)) {
                run(evaluations, TeamId.of("bench-warmup"), samples);
                wall = run(evaluations, TeamId.of("bench-measured"), samples);
            }
            int calls = samples * 3;
            System.out.printf("samples=%d pollers=%d vendor_latency_ms=%d calls=%d wall=%.2fs samples_per_minute=%.0f%n",
                    samples, pollers, latencyMs, calls, wall / 1e9, samples / (wall / 60e9));
        } finally {
            vendor.stop();
        }
        // a stand-in leaves a non-daemon thread behind, which would keep the JVM (and the script) running
        System.exit(0);
    }

    /** Starts one evaluation and waits until it has ended; returns the wall time in nanoseconds. */
    private static long run(PromptEvaluations evaluations, TeamId team, int samples) throws InterruptedException {
        PromptProject project = new PromptProject(1, "bench", "gpt-4o-mini", null, null, null, null,
                Instant.now(), Instant.now());
        long start = System.nanoTime();
        Evaluation started = evaluations.start(team, project, new EvalRequest("Summarize: {{text}}", null, "xsum",
                samples, List.of("relevance", "conciseness"), Map.of(), "gpt-4o-mini", 0.2, 200));
        while (true) {
            Evaluation now = evaluations.find(team, project.id(), started.id()).orElseThrow();
            if (!Evaluation.RUNNING.equals(now.status())) {
                if (!Evaluation.COMPLETED.equals(now.status()) || now.aggregates().failed() > 0) {
                    throw new IllegalStateException("The evaluation did not complete cleanly: " + now);
                }
                return System.nanoTime() - start;
            }
            Thread.sleep(50);
        }
    }
}
