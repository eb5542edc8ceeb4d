package dev.athanor.llm.bedrock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Embeddings through InvokeModel in each family's own body: Amazon Titan text and Cohere Embed v3. */
class BedrockEmbeddingsTest extends BedrockFakeTest {

    private static final String TITAN_V2 = "/model/amazon\\.titan-embed-text-v2(:|%3A)0/invoke";

    private static void titanAnswers(String input, String vector, int tokens) {
        BEDROCK.stubFor(post(urlPathMatching(TITAN_V2))
                .withRequestBody(matchingJsonPath("$.inputText", equalTo(input)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"embedding\":" + vector + ",\"inputTextTokenCount\":" + tokens
                                + ",\"embeddingsByType\":{\"float\":" + vector + "}}")));
    }

    @Test
    void titan_v2_is_one_invoke_model_call_per_input_in_input_order_asking_for_unit_vectors() {
        titanAnswers("first", "[0.1,-0.2,0.3]", 2);
        titanAnswers("second", "[0.4,0.5,-0.6]", 3);

        EmbeddingResponse response = provider().embed(
                new EmbeddingRequest("amazon.titan-embed-text-v2:0", List.of("first", "second")));

        assertEquals(2, response.vectors().size());
        assertArrayEquals(new float[]{0.1f, -0.2f, 0.3f}, response.vectors().get(0));
        assertArrayEquals(new float[]{0.4f, 0.5f, -0.6f}, response.vectors().get(1));
        assertEquals(new Usage(5, 0), response.usage());
        BEDROCK.verify(postRequestedFor(urlPathMatching(TITAN_V2))
                .withHeader("Content-Type", matching("application/json.*"))
                .withRequestBody(equalToJson("{\"inputText\":\"first\",\"normalize\":true}")));
        BEDROCK.verify(2, postRequestedFor(urlPathMatching("/model/.+/invoke")));
    }

    @Test
    void titan_v2_takes_the_dimensions_asked_for_and_v1_only_the_text() {
        titanAnswers("short", "[0.6,0.8]", 1);
        BEDROCK.stubFor(post(urlPathEqualTo("/model/amazon.titan-embed-text-v1/invoke"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"embedding\":[1.0,0.0],\"inputTextTokenCount\":1}")));

        provider().embed(new EmbeddingRequest("amazon.titan-embed-text-v2:0", List.of("short"), null, 256, null));
        EmbeddingResponse v1 = provider().embed(new EmbeddingRequest("amazon.titan-embed-text-v1", List.of("old")));

        assertArrayEquals(new float[]{1.0f, 0.0f}, v1.vectors().get(0));
        BEDROCK.verify(postRequestedFor(urlPathMatching(TITAN_V2)).withRequestBody(
                equalToJson("{\"inputText\":\"short\",\"dimensions\":256,\"normalize\":true}")));
        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/amazon.titan-embed-text-v1/invoke"))
                .withRequestBody(equalToJson("{\"inputText\":\"old\"}")));
    }

    @Test
    void cohere_embeds_up_to_96_texts_per_call_as_search_documents_and_counts_the_tokens_bedrock_reports() {
        List<String> texts = IntStream.range(0, 97).mapToObj(i -> "text " + i).toList();
        // the first call carries texts 0..95, the second text 96 alone; each vector's first value is its text's number
        BEDROCK.stubFor(post(urlPathEqualTo("/model/cohere.embed-english-v3/invoke"))
                .withRequestBody(matchingJsonPath("$.texts[95]"))
                .willReturn(cohereAnswer(0, 96, 960)));
        BEDROCK.stubFor(post(urlPathEqualTo("/model/cohere.embed-english-v3/invoke"))
                .withRequestBody(not(matchingJsonPath("$.texts[1]")))
                .willReturn(cohereAnswer(96, 97, 10)));

        EmbeddingResponse response = provider().embed(new EmbeddingRequest("cohere.embed-english-v3", texts));

        assertEquals(97, response.vectors().size());
        for (int i = 0; i < 97; i++) {
            assertArrayEquals(new float[]{i, 0.5f}, response.vectors().get(i), "vector " + i);
        }
        assertEquals(new Usage(970, 0), response.usage());
        BEDROCK.verify(2, postRequestedFor(urlPathEqualTo("/model/cohere.embed-english-v3/invoke")));
        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/cohere.embed-english-v3/invoke")).withRequestBody(
                equalToJson("{\"texts\":[\"text 96\"],\"input_type\":\"search_document\","
                        + "\"embedding_types\":[\"float\"]}")));
    }

    @Test
    void cohere_answers_without_embedding_types_are_read_too_also_for_a_region_profile() {
        BEDROCK.stubFor(post(urlPathEqualTo("/model/us.cohere.embed-multilingual-v3/invoke"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"e1\",\"embeddings\":[[0.25,-0.75]],\"texts\":[\"hola\"],"
                                + "\"response_type\":\"embeddings_floats\"}")));

        EmbeddingResponse response = provider().embed(
                new EmbeddingRequest("us.cohere.embed-multilingual-v3", List.of("hola")));

        assertArrayEquals(new float[]{0.25f, -0.75f}, response.vectors().get(0));
        assertEquals(new Usage(0, 0), response.usage(), "no token count header, no count");
    }

    @ParameterizedTest(name = "{0} with {1} dimensions")
    @CsvSource({"amazon.titan-embed-text-v2:0, 300", "amazon.titan-embed-text-v2:0, 1536",
            "amazon.titan-embed-text-v1, 1536", "cohere.embed-english-v3, 1024"})
    void a_vector_size_the_model_cannot_make_is_refused_by_name_without_a_call(String model, int dimensions) {
        LlmException e = assertThrows(LlmException.class, () -> provider().embed(
                new EmbeddingRequest(model, List.of("x"), null, dimensions, null)));

        assertEquals(LlmErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("dimensions", e.param());
        BEDROCK.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"amazon.titan-embed-text-v2:0", "cohere.embed-english-v3"})
    void token_id_inputs_are_refused_without_a_call(String model) {
        LlmException e = assertThrows(LlmException.class, () -> provider().embed(
                new EmbeddingRequest(model, null, List.of(List.of(15496, 995)), null, null)));

        assertEquals(LlmErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("input", e.param());
        BEDROCK.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void embeddings_with_a_model_of_another_family_are_refused_without_a_call() {
        LlmException e = assertThrows(LlmException.class, () -> provider().embed(
                new EmbeddingRequest("cohere.embed-v4:0", List.of("x"))));

        assertEquals(LlmErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("model", e.param());
        BEDROCK.verify(0, anyRequestedFor(anyUrl()));
    }

    /** Cohere's answer with embedding types: vectors [i, 0.5] for i in [from, to), and Bedrock's token count. */
    private static ResponseDefinitionBuilder cohereAnswer(int from, int to, int tokens) {
        String vectors = IntStream.range(from, to).mapToObj(i -> "[" + i + ".0,0.5]")
                .collect(Collectors.joining(","));
        String texts = IntStream.range(from, to).mapToObj(i -> "\"text " + i + "\"")
                .collect(Collectors.joining(","));
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("X-Amzn-Bedrock-Input-Token-Count", String.valueOf(tokens))
                .withBody("{\"id\":\"e1\",\"embeddings\":{\"float\":[" + vectors + "]},\"texts\":[" + texts + "],"
                        + "\"response_type\":\"embeddings_by_type\"}");
    }
}
