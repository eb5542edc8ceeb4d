package dev.athanor.core.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.athanor.model.error.MalformedInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What a JSON request body must be before any route reads it: UTF-8, one JSON document and nothing after it, within
 * the parser's limits. Jackson's streaming parser walks the document once with those limits set, so a hostile body
 * (a 100,000-digit number, a megabyte-long key, ten thousand nested arrays) is refused in one pass over its bytes
 * with a message a person can act on, never the parser's own wording.
 */
public final class JsonBodyRules {

    /** Digits of a number (integer and fraction parts each). */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Characters of an object key. */
    public static final int MAX_NAME_LENGTH = 1_000;
    /** Nested arrays and objects. */
    public static final int MAX_DEPTH = 64;

    private final JsonFactory factory;
    private final int maxStringLength;

    /** @param maxStringLength the longest string value, in characters (a string cannot outgrow its body anyway) */
    public JsonBodyRules(int maxStringLength) {
        this.maxStringLength = maxStringLength;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(maxStringLength)
                        .build())
                .build();
    }

    /**
     * The body as text once it passes; an empty or blank body is returned as it is (a route with no required field
     * reads it as an empty object).
     *
     * @throws MalformedInputException saying what is wrong, in plain words
     */
    public String check(byte[] body) {
        String text = utf8(body);
        if (text.isBlank()) {
            return text;
        }
        try (JsonParser parser = factory.createParser(text)) {
            readDocument(parser);
            if (rest(parser) != null) {
                throw new MalformedInputException("The body has content after its JSON document");
            }
        } catch (StreamConstraintsException e) {
            throw new MalformedInputException(limit(e.getMessage()));
        } catch (JsonProcessingException e) {
            throw new MalformedInputException("The body is not valid JSON");
        } catch (IOException e) {
            throw new MalformedInputException("The body could not be read");
        }
        return text;
    }

    /**
     * The body as UTF-8 text, refused rather than patched with replacement characters when it is not.
     *
     * @throws MalformedInputException when the bytes are not UTF-8
     */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedInputException("The body is not valid UTF-8 text");
        }
    }

    /** Reads one whole value, strings included (their length is checked only once read). */
    private void readDocument(JsonParser parser) throws IOException {
        int depth = 0;
        do {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new MalformedInputException("The body is not valid JSON");
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else if (token == JsonToken.VALUE_STRING && parser.getTextLength() > maxStringLength) {
                // Jackson checks its own limit only on strings that outgrow its buffers
                throw new MalformedInputException(stringTooLong());
            }
        } while (depth > 0);
    }

    /** The token after the document, where a stray bracket counts as content too. */
    private static JsonToken rest(JsonParser parser) throws IOException {
        try {
            return parser.nextToken();
        } catch (StreamConstraintsException e) {
            throw e;
        } catch (JsonProcessingException e) {
            return JsonToken.NOT_AVAILABLE;
        }
    }

    private String stringTooLong() {
        return "The body has a string longer than " + maxStringLength + " characters";
    }

    /** Jackson names the limit crossed in its message; say it in the API's words. */
    private String limit(String message) {
        String lower = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("number")) {
            return "The body has a number longer than " + MAX_NUMBER_LENGTH + " digits";
        }
        if (lower.contains("name")) {
            return "The body has a key longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (lower.contains("depth")) {
            return "The body nests arrays and objects more than " + MAX_DEPTH + " levels deep";
        }
        if (lower.contains("string")) {
            return stringTooLong();
        }
        return "The body crosses a limit of the JSON reader";
    }
}
