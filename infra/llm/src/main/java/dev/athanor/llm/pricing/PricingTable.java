package dev.athanor.llm.pricing;

import dev.athanor.model.llm.Usage;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Prices LLM calls from {@code model-prices.json} (USD per million tokens). A model id is looked up as given, then
 * by its longest prefix that ends where a version suffix starts ({@code gpt-4o-2024-08-06} is priced as
 * {@code gpt-4o}), after dropping a routing prefix ({@code openai/gpt-4o}, {@code models/gemini-1.5-pro}) and a
 * Bedrock cross-region profile ({@code us.anthropic.claude-...}). An unknown model costs zero and is logged once as
 * unpriced, so a missing price shows up without failing the call it meters. The same lookup gives a model's published
 * output-token limit, where the file has one.
 */
@Singleton
public class PricingTable {

    static final String RESOURCE = "/dev/athanor/llm/pricing/model-prices.json";

    private static final Logger LOG = LoggerFactory.getLogger(PricingTable.class);
    private static final BigDecimal PER_MILLION = BigDecimal.valueOf(1_000_000);
    private static final Pattern BEDROCK_REGION_PROFILE = Pattern.compile("^(us|us-gov|eu|apac|jp|au|ca|global)\\.(?=[a-z]+\\.)");

    private final Map<String, ModelPrice> prices;
    private final Set<String> unpriced = ConcurrentHashMap.newKeySet();

    public PricingTable(JsonMapper json) {
        this(load(json));
    }

    PricingTable(Map<String, ModelPrice> prices) {
        Map<String, ModelPrice> normalized = new ConcurrentHashMap<>();
        prices.forEach((model, price) -> normalized.put(model.toLowerCase(Locale.ROOT), price));
        this.prices = Map.copyOf(normalized);
    }

    private static Map<String, ModelPrice> load(JsonMapper json) {
        try (InputStream in = PricingTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return json.readValue(in.readAllBytes(), PriceList.class).models();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** The cost of a call in USD; zero for a model the table does not know. */
    public BigDecimal cost(String model, Usage usage) {
        return quote(model, usage).costUsd();
    }

    public CostQuote quote(String model, Usage usage) {
        Optional<Map.Entry<String, ModelPrice>> match = match(model);
        if (match.isEmpty()) {
            if (model != null && !model.isBlank() && unpriced.add(model)) {
                LOG.warn("No price for model '{}': its calls are recorded at zero cost", model);
            }
            return new CostQuote(BigDecimal.ZERO, null);
        }
        ModelPrice price = match.get().getValue();
        Usage counted = usage == null ? Usage.NONE : usage;
        BigDecimal cost = price.input().multiply(BigDecimal.valueOf(counted.promptTokens()))
                .add(price.output().multiply(BigDecimal.valueOf(counted.completionTokens())))
                .divide(PER_MILLION);
        return new CostQuote(cost, match.get().getKey());
    }

    public Optional<ModelPrice> price(String model) {
        return match(model).map(Map.Entry::getValue);
    }

    /**
     * The most output tokens the model can produce in one call, found as its price is; empty for an unknown model or
     * one whose limit the table does not give.
     */
    public OptionalInt maxOutputTokens(String model) {
        Integer limit = price(model).map(ModelPrice::maxOutputTokens).orElse(null);
        return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    public boolean isPriced(String model) {
        return match(model).isPresent();
    }

    /** Models seen by {@link #quote} that the table could not price. */
    public Set<String> unpricedModels() {
        return Set.copyOf(unpriced);
    }

    private Optional<Map.Entry<String, ModelPrice>> match(String model) {
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        String id = model.strip().toLowerCase(Locale.ROOT);
        id = id.substring(id.lastIndexOf('/') + 1);
        id = BEDROCK_REGION_PROFILE.matcher(id).replaceFirst("");
        for (int end = id.length(); end > 0; end--) {
            if (end == id.length() || isVersionSeparator(id.charAt(end))) {
                String key = id.substring(0, end);
                ModelPrice price = prices.get(key);
                if (price != null) {
                    return Optional.of(Map.entry(key, price));
                }
            }
        }
        return Optional.empty();
    }

    // '.' is not one: gpt-4.5 is another model than gpt-4, not a version of it
    private static boolean isVersionSeparator(char c) {
        return c == '-' || c == ':' || c == '@' || c == '_';
    }
}
