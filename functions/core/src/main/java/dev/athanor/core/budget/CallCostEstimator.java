package dev.athanor.core.budget;

import dev.athanor.llm.pricing.PricingTable;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.Usage;
import jakarta.inject.Singleton;

import java.math.BigDecimal;

/**
 * Prices a chat call with the pricing table metering uses: before it runs, at most what it may cost (the prompt's
 * tokens estimated high from its characters, the completion at its max_tokens); after it, what its usage cost.
 */
@Singleton
public class CallCostEstimator {

    // the chat format's own tokens: a few per message for its role and delimiters, and the reply's opening
    static final int TOKENS_PER_MESSAGE = 4;
    static final int TOKENS_PER_REPLY = 3;

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
    public BigDecimal actual(ChatRequest request, ChatResponse response) {
        Usage usage = response.usage();
        return usage.totalTokens() == 0 ? maximum(request) : prices.cost(request.model(), usage);
    }

    /** The most tokens the call may use: its prompt estimated high and its completion at max_tokens. */
    public long maximumTokens(ChatRequest request) {
        return (long) promptTokens(request) + completionTokens(request);
    }

    int promptTokens(ChatRequest request) {
        int perToken = configuration.getPromptCharsPerToken();
        long tokens = TOKENS_PER_REPLY;
        for (ChatMessage message : request.messages()) {
            tokens += TOKENS_PER_MESSAGE + (message.content().length() + perToken - 1L) / perToken;
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    int completionTokens(ChatRequest request) {
        Integer max = request.maxTokens();
        return max != null && max > 0 ? max : configuration.getDefaultCompletionTokens();
    }
}
