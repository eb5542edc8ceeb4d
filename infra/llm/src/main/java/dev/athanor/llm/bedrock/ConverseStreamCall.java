package dev.athanor.llm.bedrock;

import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.StreamListener;
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.ToolCallDelta;
import dev.athanor.model.llm.Usage;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One ConverseStream call. The SDK delivers events on its own threads; they pass through a queue so the listener
 * runs on the caller's thread, as the port promises, and so the caller can enforce the first-token deadline and
 * cancel the stream when it passes. A tool call arrives as a contentBlockStart with its id and name, then
 * contentBlockDelta events with fragments of its input; they go to the listener as OpenAI streams calls.
 */
final class ConverseStreamCall {

    private sealed interface Signal permits Delta, ToolStart, ToolInput, Stopped, Metadata, Finished, Failed {
    }

    private record Delta(String text) implements Signal {
    }

    private record ToolStart(int block, String id, String name) implements Signal {
    }

    private record ToolInput(int block, String fragment) implements Signal {
    }

    private record Stopped(String stopReason) implements Signal {
    }

    private record Metadata(Usage usage) implements Signal {
    }

    private record Finished() implements Signal {
    }

    private record Failed(Throwable error) implements Signal {
    }

    /** A streamed call being put together. */
    private record Call(String id, String name, StringBuilder arguments) {
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

    /**
     * @param jsonTool the name of the tool a JSON answer is forced through, or null for a text answer: its input
     *                 fragments are the answer's text, and other text is left out as in {@link ConverseAnswer}
     */
    ChatResponse run(ConverseStreamRequest request, String jsonTool, StreamListener listener) {
        long start = System.nanoTime();
        long firstTokenDeadline = start + timeouts.firstToken().toNanos();
        long totalDeadline = start + timeouts.total().toNanos();
        CompletableFuture<Void> call = start(request);
        StringBuilder text = new StringBuilder();
        List<Call> calls = new ArrayList<>();
        Map<Integer, Integer> callOfBlock = new HashMap<>(); // content block index -> position among the calls
        Set<Integer> jsonBlocks = new HashSet<>();
        String stopReason = null;
        Usage usage = Usage.NONE;
        boolean sawOutput = false;
        try {
            while (true) {
                long deadline = sawOutput ? totalDeadline : Math.min(firstTokenDeadline, totalDeadline);
                Signal signal = signals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (signal == null) {
                    call.cancel(true);
                    throw new LlmException(LlmErrorKind.TIMEOUT, providerId, sawOutput
                            ? "Bedrock stream did not finish within " + timeouts.total()
                            : "Bedrock sent no token within " + timeouts.firstToken());
                }
                if (signal instanceof Delta delta) {
                    sawOutput = true;
                    if (jsonTool == null) {
                        text.append(delta.text());
                        listener.onDelta(delta.text());
                    }
                } else if (signal instanceof ToolStart tool) {
                    sawOutput = true;
                    if (tool.name().equals(jsonTool)) {
                        jsonBlocks.add(tool.block());
                    } else {
                        callOfBlock.put(tool.block(), calls.size());
                        listener.onToolCall(new ToolCallDelta(calls.size(), tool.id(), tool.name(), ""));
                        calls.add(new Call(tool.id(), tool.name(), new StringBuilder()));
                    }
                } else if (signal instanceof ToolInput input) {
                    sawOutput = true;
                    Integer index = callOfBlock.get(input.block());
                    if (jsonBlocks.contains(input.block())) {
                        text.append(input.fragment());
                        listener.onDelta(input.fragment());
                    } else if (index != null) {
                        calls.get(index).arguments().append(input.fragment());
                        listener.onToolCall(new ToolCallDelta(index, null, null, input.fragment()));
                    }
                } else if (signal instanceof Stopped stopped) {
                    stopReason = stopped.stopReason();
                } else if (signal instanceof Metadata metadata) {
                    usage = metadata.usage();
                } else if (signal instanceof Failed failed) {
                    throw BedrockErrors.map(providerId, failed.error());
                } else {
                    List<ToolCall> made = calls.stream()
                            .map(c -> new ToolCall(c.id(), c.name(), c.arguments().toString()))
                            .toList();
                    return new ChatResponse("bedrock-" + UUID.randomUUID(), request.modelId(), text.toString(),
                            made, ConverseMapping.finishReason(stopReason, jsonTool != null), usage);
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
                        .onContentBlockStart(this::blockStarted)
                        .onContentBlockDelta(this::blockDelta)
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

    private void blockStarted(ContentBlockStartEvent event) {
        if (event.start() != null && event.start().toolUse() != null) {
            signals.add(new ToolStart(blockIndex(event.contentBlockIndex()), event.start().toolUse().toolUseId(),
                    event.start().toolUse().name()));
        }
    }

    private void blockDelta(ContentBlockDeltaEvent event) {
        if (event.delta() == null) {
            return;
        }
        if (event.delta().text() != null && !event.delta().text().isEmpty()) {
            signals.add(new Delta(event.delta().text()));
        } else if (event.delta().toolUse() != null && event.delta().toolUse().input() != null
                && !event.delta().toolUse().input().isEmpty()) {
            signals.add(new ToolInput(blockIndex(event.contentBlockIndex()), event.delta().toolUse().input()));
        }
    }

    private static int blockIndex(Integer index) {
        return index == null ? 0 : index;
    }
}
