package dev.athanor.model.llm;

import java.util.Base64;
import java.util.Objects;

/** One part of a message's content: text, or an image the model should look at. */
public sealed interface ContentPart permits ContentPart.Text, ContentPart.Image {

    record Text(String text) implements ContentPart {

        public Text {
            text = text == null ? "" : text;
        }
    }

    /**
     * An image, by https URL or inline. An inline image ({@code data:} URL) keeps its media type and base64 data,
     * already checked to be an image of that type within the size cap; a URL image has neither, and only vendors
     * that fetch URLs themselves can take it.
     *
     * @param url       the URL as the caller sent it ({@code https://...} or {@code data:image/png;base64,...})
     * @param detail    OpenAI's {@code detail}: auto, low or high; null when not given
     * @param mediaType image/png, image/jpeg, image/gif or image/webp for inline data; null for a URL
     * @param base64    the inline data in base64; null for a URL
     */
    record Image(String url, String detail, String mediaType, String base64) implements ContentPart {

        public Image {
            Objects.requireNonNull(url, "url");
        }

        public boolean inline() {
            return base64 != null;
        }

        /** The inline bytes; empty for a URL image. */
        public byte[] bytes() {
            return base64 == null ? new byte[0] : Base64.getDecoder().decode(base64);
        }

        /** The format part of the media type (png, jpeg, gif, webp), or null for a URL image. */
        public String format() {
            return mediaType == null ? null : mediaType.substring(mediaType.indexOf('/') + 1);
        }
    }
}
