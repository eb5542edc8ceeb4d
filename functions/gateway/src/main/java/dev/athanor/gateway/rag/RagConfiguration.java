package dev.athanor.gateway.rag;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/** {@code athanor.rag.*}: how documents are cut, embedded and bounded. */
@ConfigurationProperties("athanor.rag")
public interface RagConfiguration {

    /**
     * The model that embeds chunks and queries (any model id the LLM core routes). Unset: the first of the team's
     * models whose id names an embedding model ({@code embed} in it), else the offline {@code sandbox}.
     */
    @Nullable
    String getEmbeddingModel();

    /** Characters per chunk. */
    @Min(50)
    @Bindable(defaultValue = "1000")
    int getChunkSize();

    /** Characters a chunk repeats from the end of the one before. */
    @Min(0)
    @Bindable(defaultValue = "200")
    int getChunkOverlap();

    /** The longest document content accepted, in characters. */
    @Min(1)
    @Bindable(defaultValue = "200000")
    int getMaxDocumentChars();

    /** How many documents one index call may carry. */
    @Min(1)
    @Bindable(defaultValue = "100")
    int getMaxDocuments();

    /**
     * The most chunks one namespace may hold: what a new instance indexes within API Gateway's 29 s on its first query
     * at the functions' 1,024 MB (docs/benchmarks.md, "Retrieval at size"). An index call that would pass it is
     * refused.
     */
    @Min(1)
    @Bindable(defaultValue = "8000")
    int getMaxNamespaceChunks();

    /** How many chunks are embedded in one call to the model. */
    @Min(1)
    @Bindable(defaultValue = "64")
    int getEmbeddingBatch();
}
