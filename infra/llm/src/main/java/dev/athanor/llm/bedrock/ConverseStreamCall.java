package dev.athanor.llm.bedrock;

import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.StreamListener;
import dev.athanor.model.llm.Usage;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One ConverseStream call. The SDK delivers events on its own threads; they pass through a queue so the listener
 * runs on the caller's thread, as the port promises, and so the caller can enforce the first-token deadline and
 * cancel the stream when it passes.
 */
final class ConverseStreamCall {

    private sealed interface Signal permits Delta, Stopped, Metadata, Finished, Failed {
    }

    private record Delta(String text) implements Signal {
    }

    private record Stopped(String stopReason) implements Signal {
    }

    private record Metadata(Usage usage) implements Signal {
    }

    private record Finished() implements Signal {
    }

    private record Failed(Throwable error) implements Signal {
    }

    private final String providerId;
    private final BedrockRuntimeAsyncClient client;
    private final LlmTimeouts timeouts;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();

    ConverseStreamCall(String providerId, BedrockRuntimeAsyncClient client, LlmTimeouts timeouts) {
        this.providerId = providerId;
        this.client = client;
        this.timeouts = timeouts;
    }

    ChatResponse run(ConverseStreamRequest request, StreamListener listener) {
        long start = System.nanoTime();
        long firstTokenDeadline = start + timeouts.firstToken().toNanos();
        long totalDeadline = start + timeouts.total().toNanos();
        CompletableFuture<Void> call = start(request);
        StringBuilder text = new StringBuilder();
        String stopReason = null;
        Usage usage = Usage.NONE;
        boolean sawDelta = false;
        try {
            while (true) {
                long deadline = sawDelta ? totalDeadline : Math.min(firstTokenDeadline, totalDeadline);
                Signal signal = signals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (signal == null) {
                    call.cancel(true);
                    throw new LlmException(LlmErrorKind.TIMEOUT, providerId, sawDelta
                            ? "Bedrock stream did not finish within " + timeouts.total()
                            : "Bedrock sent no token within " + timeouts.firstToken());
                }
                if (signal instanceof Delta delta) {
                    sawDelta = true;
                    text.append(delta.text());
                    listener.onDelta(delta.text());
                } else if (signal instanceof Stopped stopped) {
                    stopReason = stopped.stopReason();
                } else if (signal instanceof Metadata metadata) {
                    usage = metadata.usage();
                } else if (signal instanceof Failed failed) {
                    throw BedrockErrors.map(providerId, failed.error());
                } else {
                    return new ChatResponse("bedrock-" + UUID.randomUUID(), request.modelId(), text.toString(),
                            ConverseMapping.finishReason(stopReason), usage);
                }
            }
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new LlmException(LlmErrorKind.UNAVAILABLE, providerId, "Bedrock stream interrupted");
        } catch (RuntimeException e) {
            call.cancel(true); // a failed listener or a mapped error: stop reading the vendor's stream
            throw e;
        }
    }

    private CompletableFuture<Void> start(ConverseStreamRequest request) {
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta(event -> {
                            if (event.delta() != null && event.delta().text() != null
                                    && !event.delta().text().isEmpty()) {
                                signals.add(new Delta(event.delta().text()));
                            }
                        })
                        .onMessageStop(event -> signals.add(new Stopped(event.stopReasonAsString())))
                        .onMetadata(event -> signals.add(new Metadata(ConverseMapping.usage(event.usage()))))
                        .build())
                .build();
        try {
            CompletableFuture<Void> call = client.converseStream(request, handler);
            call.whenComplete((ignored, error) -> signals.add(error == null ? new Finished() : new Failed(error)));
            return call;
        } catch (RuntimeException e) {
            throw BedrockErrors.map(providerId, e);
        }
    }
}
