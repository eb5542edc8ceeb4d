package dev.athanor.local.platform;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * An OpenAI-compatible vendor (such as the LiteLLM proxy behind the gateway's document) serving the models the seeds'
 * examples name, in OpenAI's documented wire format: {@code GET /v1/models}, and {@code POST /v1/chat/completions}
 * answered with a {@code chat.completion}, or with {@code chat.completion.chunk} server-sent events, a usage chunk
 * (the gateway asks for {@code stream_options.include_usage}) and {@code data: [DONE]} when {@code stream} is true.
 * Every plain answer also reads as a judge's score, so the prompt lab's evaluations can use the same models.
 */
final class VendorStubs {

    static final List<String> MODELS = List.of("gpt-3.5-turbo", "gemini-pro", "llama-3.1-8b-instruct");
    static final List<String> STORY = List.of("Once upon a time, ", "a gateway ", "streamed a story.");

    private VendorStubs() {
    }

    /** What a model answers to a plain (not streamed) request. */
    static String reply(String model) {
        return "Score: 8 Reason: " + model + " answers clearly.";
    }

    static void install(WireMockExtension vendor) {
        StringBuilder models = new StringBuilder("{\"object\": \"list\", \"data\": [");
        for (int i = 0; i < MODELS.size(); i++) {
            models.append(i == 0 ? "" : ", ").append("{\"id\": \"").append(MODELS.get(i))
                    .append("\", \"object\": \"model\", \"created\": 1700000000, \"owned_by\": \"litellm\"}");
        }
        vendor.stubFor(get(urlEqualTo("/v1/models")).willReturn(okJson(models.append("]}").toString())));
        for (String model : MODELS) {
            vendor.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5)
                    .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                    .willReturn(okJson(completion(model))));
            vendor.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
                    .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                    .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                            .withBody(stream(model))));
        }
    }

    private static String completion(String model) {
        return """
                {"id": "chatcmpl-seed", "object": "chat.completion", "created": 1700000000, "model": "%s",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "%s"}, "logprobs": null,
                              "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 9, "completion_tokens": 8, "total_tokens": 17}}"""
                .formatted(model, reply(model));
    }

    private static String stream(String model) {
        String head = "data: {\"id\":\"chatcmpl-story\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"" + model + "\",\"choices\":";
        StringBuilder sse = new StringBuilder(head)
                .append("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        for (String piece : STORY) {
            sse.append(head).append("[{\"index\":0,\"delta\":{\"content\":\"").append(piece)
                    .append("\"},\"finish_reason\":null}]}\n\n");
        }
        return sse.append(head).append("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n")
                .append(head).append("[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":9,\"total_tokens\":20}}\n\n")
                .append("data: [DONE]\n\n").toString();
    }
}
