package dev.athanor.aws.dynamo;

import dev.athanor.model.page.InvalidCursorException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The text of a list's cursor: a few strings, each base64url-encoded (no padding) and joined with {@code .}, so a
 * cursor is plain URL-safe ASCII that needs no escaping in a query string. What the strings mean is the business of
 * the list that hands the cursor out ({@link PagedQuery}); a cursor that does not decode is refused here.
 */
public final class Cursors {

    /** Longer cursors are not ones a list handed out (keys are short): refused before any decoding. */
    static final int MAX_LENGTH = 4096;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Cursors() {
    }

    public static String encode(List<String> parts) {
        List<String> encoded = new ArrayList<>(parts.size());
        for (String part : parts) {
            encoded.add(ENCODER.encodeToString(part.getBytes(StandardCharsets.UTF_8)));
        }
        return String.join(".", encoded);
    }

    /** @throws InvalidCursorException when {@code cursor} is not text {@link #encode} made */
    public static List<String> decode(String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        List<String> parts = new ArrayList<>();
        for (String part : cursor.split("\\.", -1)) {
            try {
                parts.add(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(DECODER.decode(part))).toString());
            } catch (IllegalArgumentException | CharacterCodingException e) {
                throw invalid();
            }
        }
        return parts;
    }

    /** The error of every cursor a list cannot take, whatever the reason. */
    public static InvalidCursorException invalid() {
        return new InvalidCursorException();
    }
}
