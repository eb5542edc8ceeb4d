package dev.athanor.core.budget;

import dev.athanor.llm.pricing.PricingTable;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ContentPart;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.ToolDefinition;
import dev.athanor.model.llm.Usage;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.List;

/**
 * Prices a call with the pricing table metering uses: before it runs, at most what it may cost (the prompt's tokens
 * estimated high from its characters, tools and schemas included, and a large image's worth for each image; the
 * completion at its max_tokens for each choice; an embedding's inputs likewise); after it, what its usage cost.
 */
@Singleton
public class CallCostEstimator {

    // the chat format's own tokens: a few per message for its role and delimiters, and the reply's opening
    static final int TOKENS_PER_MESSAGE = 4;
    static final int TOKENS_PER_REPLY = 3;
    // a large image, at the high end of what vendors charge for one (Anthropic: about 1,600 for 1.15 megapixels)
    static final int TOKENS_PER_IMAGE = 1600;

    private final PricingTable prices;
    private final BudgetConfiguration configuration;

    public CallCostEstimator(PricingTable prices, BudgetConfiguration configuration) {
        this.prices = prices;
        this.configuration = configuration;
    }

    /** The most the call may cost in USD; zero for a model without a price. */
    public BigDecimal maximum(ChatRequest request) {
        return prices.cost(request.model(), new Usage(promptTokens(request), completionTokens(request)));
    }

    /**
     * What the call cost in USD, from the usage the vendor reported; its {@link #maximum} when the vendor reported
     * none, so a vendor that does not count tokens cannot spend past the limit unseen.
     */
    public BigDecimal actual(ChatRequest request, Usage usage) {
        return usage.totalTokens() == 0 ? maximum(request) : prices.cost(request.model(), usage);
    }

    /** The most an embedding call may cost in USD: its inputs' tokens estimated high. */
    public BigDecimal maximum(EmbeddingRequest request) {
        return prices.cost(request.model(), new Usage(inputTokens(request), 0));
    }

    /** What an embedding call cost, from its usage; its {@link #maximum} when the vendor counted nothing. */
    public BigDecimal actual(EmbeddingRequest request, Usage usage) {
        return usage.totalTokens() == 0 ? maximum(request) : prices.cost(request.model(), usage);
    }

    /** The most tokens an embedding call may use: its inputs estimated high, token-id inputs as given. */
    public long maximumTokens(EmbeddingRequest request) {
        return inputTokens(request);
    }

    private int inputTokens(EmbeddingRequest request) {
        long tokens = 0;
        for (List<Integer> ids : request.tokens()) {
            tokens += ids.size();
        }
        for (String text : request.input()) {
            tokens += charsToTokens(text == null ? 0 : text.length());
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    private long charsToTokens(long chars) {
        int perToken = configuration.getPromptCharsPerToken();
        return (chars + perToken - 1L) / perToken;
    }

    /** The most tokens the call may use: its prompt estimated high and its completion at max_tokens. */
    public long maximumTokens(ChatRequest request) {
        return (long) promptTokens(request) + completionTokens(request);
    }

    int promptTokens(ChatRequest request) {
        long chars = 0;
        long tokens = TOKENS_PER_REPLY;
        for (ChatMessage message : request.messages()) {
            tokens += TOKENS_PER_MESSAGE;
            chars += message.content().length();
            for (ToolCall call : message.toolCalls()) {
                chars += call.name().length() + call.arguments().length();
            }
            for (ContentPart part : message.parts()) {
                tokens += part instanceof ContentPart.Image ? TOKENS_PER_IMAGE : 0;
            }
        }
        for (ToolDefinition tool : request.tools()) {
            chars += tool.name().length() + (tool.description() == null ? 0 : tool.description().length())
                    + tool.parameters().toString().length();
        }
        if (request.responseFormat() != null && request.responseFormat().schema() != null) {
            chars += request.responseFormat().schema().toString().length();
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens + charsToTokens(chars));
    }

    int completionTokens(ChatRequest request) {
        Integer max = request.maxTokens();
        int each = max != null && max > 0 ? max : configuration.getDefaultCompletionTokens();
        return (int) Math.min(Integer.MAX_VALUE, (long) each * request.options().choices());
    }
}
