package dev.athanor.llm.sandbox;

import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.Usage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The sandbox's embeddings: hashed word features. Each lower-cased word (a run of letters and digits) adds one to the
 * dimension its FNV-1a hash picks, with a sign from another bit of that hash, and the vector is normalised; a text
 * without words is a fixed unit vector. Texts that share words are therefore near each other (cosine similarity),
 * which makes retrieval work offline. {@value SandboxProvider#DIMENSIONS} dimensions unless {@code dimensions} asks
 * for another number (1 to {@value SandboxProvider#MAX_DIMENSIONS}); inputs given as token ids count each id as a
 * word. Spelled out so the vectors cannot change with the JDK.
 */
final class SandboxEmbeddings {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private SandboxEmbeddings() {
    }

    static EmbeddingResponse embed(String providerId, EmbeddingRequest request) {
        int dimensions = request.dimensions() == null ? SandboxProvider.DIMENSIONS : request.dimensions();
        if (dimensions < 1 || dimensions > SandboxProvider.MAX_DIMENSIONS) {
            throw LlmException.unsupported(providerId, ProviderKind.SANDBOX, "dimensions",
                    "the sandbox embeds in 1 to " + SandboxProvider.MAX_DIMENSIONS + " dimensions");
        }
        List<float[]> vectors = new ArrayList<>(request.size());
        int tokens = 0;
        for (int i = 0; i < request.size(); i++) {
            String text = request.tokens().isEmpty() ? request.input().get(i)
                    : request.tokens().get(i).stream().map(String::valueOf).collect(Collectors.joining(" "));
            text = text == null ? "" : text;
            vectors.add(wordFeatures(text, dimensions));
            tokens += request.tokens().isEmpty() ? SandboxProvider.estimateTokens(text)
                    : request.tokens().get(i).size();
        }
        return new EmbeddingResponse(SandboxProvider.MODEL, vectors, new Usage(tokens, 0));
    }

    static float[] wordFeatures(String text, int dimensions) {
        double[] raw = new double[dimensions];
        Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        boolean any = false;
        while (words.find()) {
            long hash = fnv1a64(words.group());
            raw[(int) Long.remainderUnsigned(hash, dimensions)] += (hash >>> 63) == 0 ? 1 : -1;
            any = true;
        }
        if (!any) {
            raw[0] = 1; // no words: one fixed direction, so the vector is still a unit vector
        }
        double norm = 0;
        for (double value : raw) {
            norm += value * value;
        }
        norm = Math.sqrt(norm);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = norm == 0 ? 0 : (float) (raw[i] / norm);
        }
        if (norm == 0) {
            vector[0] = 1; // every word cancelled out another
        }
        return vector;
    }

    private static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
