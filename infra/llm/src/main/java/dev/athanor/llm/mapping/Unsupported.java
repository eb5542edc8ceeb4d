package dev.athanor.llm.mapping;

import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ContentPart;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ProviderKind;

import java.util.Set;

/**
 * The checks every provider's mapping makes before calling its vendor, so that what a vendor cannot do is refused by
 * name (an INVALID_REQUEST naming the parameter and the provider) instead of being dropped.
 */
public final class Unsupported {

    private Unsupported() {
    }

    /** Refuses the first setting of {@link dev.athanor.model.llm.ChatOptions} that is set and not in supported. */
    public static void refuseOptions(String providerId, ProviderKind kind, ChatRequest request,
                                     Set<String> supported) {
        for (String parameter : request.options().setParameters()) {
            if (!supported.contains(parameter)) {
                throw LlmException.unsupported(providerId, kind, parameter, null);
            }
        }
    }

    /** Refuses images given by URL: the vendor takes image bytes only, and the gateway fetches no URLs for it. */
    public static void refuseImageUrls(String providerId, ProviderKind kind, ChatRequest request) {
        for (ChatMessage message : request.messages()) {
            for (ContentPart part : message.parts()) {
                if (part instanceof ContentPart.Image image && !image.inline()) {
                    throw LlmException.unsupported(providerId, kind, "image_url",
                            "this vendor takes image bytes only; send the image inline as a data: URL "
                                    + "(data:image/png;base64,...)");
                }
            }
        }
    }

    /** Refuses inputs given as token ids: only OpenAI-compatible vendors read their own tokenizer's ids. */
    public static void refuseTokenInput(String providerId, ProviderKind kind, EmbeddingRequest request) {
        if (!request.tokens().isEmpty()) {
            throw LlmException.unsupported(providerId, kind, "input",
                    "inputs as token arrays are read by OpenAI-compatible vendors only; send text");
        }
    }

    /** Refuses a shortened vector size for a vendor or model that cannot shorten its vectors. */
    public static void refuseDimensions(String providerId, ProviderKind kind, EmbeddingRequest request) {
        if (request.dimensions() != null) {
            throw LlmException.unsupported(providerId, kind, "dimensions", null);
        }
    }
}
