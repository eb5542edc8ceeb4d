package dev.athanor.gateway.chat;

import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ContentPart;
import dev.athanor.model.llm.ToolCall;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.athanor.gateway.chat.Params.invalid;
import static dev.athanor.gateway.chat.Params.present;

/**
 * Reads the {@code messages} of an OpenAI chat request: roles, text or content parts (text, and images in user turns),
 * the tool calls of assistant turns and the tool turns answering them. A tool turn must answer a call an earlier
 * assistant turn made. An inline image must be a base64 {@code data:} URL of a PNG, JPEG, GIF or WebP image whose
 * bytes are of that type, at most {@value #MAX_IMAGE_BYTES} bytes; other images must be https URLs.
 */
final class ChatMessagesParser {

    static final int MAX_IMAGE_BYTES = 4 * 1024 * 1024;
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
    private static final Map<String, String> MEDIA_TYPES = Map.of("image/png", "image/png", "image/jpeg",
            "image/jpeg", "image/jpg", "image/jpeg", "image/gif", "image/gif", "image/webp", "image/webp");
    private static final Set<String> DETAILS = Set.of("auto", "low", "high");

    private ChatMessagesParser() {
    }

    static List<ChatMessage> messages(JsonNode node) {
        if (node == null || !node.isArray() || node.size() == 0) {
            throw invalid("messages", "is required and must be a non-empty array");
        }
        List<ChatMessage> messages = new ArrayList<>(node.size());
        Set<String> calls = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            messages.add(message(node.get(i), "messages[" + i + "]", calls));
        }
        return messages;
    }

    private static ChatMessage message(JsonNode message, String field, Set<String> calls) {
        if (!message.isObject()) {
            throw invalid(field, "must be an object");
        }
        JsonNode role = message.get("role");
        if (role == null || !role.isString() || !ROLES.contains(role.getStringValue())) {
            throw invalid(field + ".role", "must be one of system, developer, user, assistant, tool");
        }
        String name = "developer".equals(role.getStringValue()) ? "system" : role.getStringValue();
        List<ContentPart> parts = parts(present(message, "content"), field + ".content", "user".equals(name));
        String text = text(parts);
        boolean hasImage = parts.stream().anyMatch(ContentPart.Image.class::isInstance);
        String participant = Params.string(message, "name", field + ".name");
        List<ToolCall> toolCalls = "assistant".equals(name) ? toolCalls(message, field, calls) : List.of();
        String toolCallId = null;
        if ("tool".equals(name)) {
            toolCallId = Params.string(message, "tool_call_id", field + ".tool_call_id");
            if (toolCallId == null) {
                throw invalid(field + ".tool_call_id", "is required in a tool message");
            }
            if (!calls.contains(toolCallId)) {
                throw invalid(field + ".tool_call_id", "answers no tool call of an earlier assistant message");
            }
        }
        return new ChatMessage(name, text, hasImage ? parts : List.of(), toolCalls, toolCallId, participant);
    }

    private static List<ToolCall> toolCalls(JsonNode message, String field, Set<String> calls) {
        JsonNode node = present(message, "tool_calls");
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(field + ".tool_calls", "must be an array");
        }
        List<ToolCall> toolCalls = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String at = field + ".tool_calls[" + i + "]";
            JsonNode call = node.get(i);
            if (!call.isObject()) {
                throw invalid(at, "must be an object");
            }
            String id = Params.string(call, "id", at + ".id");
            JsonNode function = present(call, "function");
            if (id == null || id.isEmpty() || function == null || !function.isObject()) {
                throw invalid(at, "must have an id and a function");
            }
            String name = Params.string(function, "name", at + ".function.name");
            String arguments = Params.string(function, "arguments", at + ".function.arguments");
            if (name == null || name.isEmpty()) {
                throw invalid(at + ".function.name", "is required");
            }
            toolCalls.add(new ToolCall(id, name, arguments));
            calls.add(id);
        }
        return toolCalls;
    }

    private static List<ContentPart> parts(JsonNode content, String field, boolean imagesAllowed) {
        if (content == null) {
            return List.of();
        }
        if (content.isString()) {
            return List.of(new ContentPart.Text(content.getStringValue()));
        }
        if (!content.isArray()) {
            throw invalid(field, "must be a string or an array of content parts");
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            String at = field + "[" + i + "]";
            JsonNode part = content.get(i);
            String type = part.isObject() ? Params.string(part, "type", at + ".type") : null;
            if ("text".equals(type)) {
                String text = Params.string(part, "text", at + ".text");
                if (text == null) {
                    throw invalid(at + ".text", "is required in a text part");
                }
                parts.add(new ContentPart.Text(text));
            } else if ("image_url".equals(type) && imagesAllowed) {
                parts.add(image(part, at));
            } else if ("image_url".equals(type)) {
                throw invalid(at, "images are taken in user messages only");
            } else {
                throw invalid(at + ".type", "must be text" + (imagesAllowed ? " or image_url" : "")
                        + " (other content parts are not supported)");
            }
        }
        return parts;
    }

    private static String text(List<ContentPart> parts) {
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text only) {
            return only.text();
        }
        StringBuilder text = new StringBuilder();
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Text piece) {
                text.append(piece.text());
            }
        }
        return text.toString();
    }

    private static ContentPart.Image image(JsonNode part, String field) {
        JsonNode image = present(part, "image_url");
        String url;
        String detail = null;
        if (image != null && image.isString()) {
            url = image.getStringValue(); // some clients send the URL itself
        } else if (image != null && image.isObject()) {
            url = Params.string(image, "url", field + ".image_url.url");
            detail = Params.string(image, "detail", field + ".image_url.detail");
            if (detail != null && !DETAILS.contains(detail)) {
                throw invalid(field + ".image_url.detail", "must be one of auto, low, high");
            }
        } else {
            throw invalid(field + ".image_url", "must be an object with a url");
        }
        if (url == null) {
            throw invalid(field + ".image_url.url", "is required");
        }
        if (url.regionMatches(true, 0, "https://", 0, 8)) {
            return new ContentPart.Image(url, detail, null, null);
        }
        if (!url.regionMatches(true, 0, "data:", 0, 5)) {
            throw invalid(field + ".image_url.url", "must be an https URL or a data: URL");
        }
        return inline(url, detail, field + ".image_url.url");
    }

    private static ContentPart.Image inline(String url, String detail, String field) {
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring(5, comma).toLowerCase(Locale.ROOT);
        if (!header.endsWith(";base64")) {
            throw invalid(field, "must be a base64 data: URL (data:image/png;base64,...)");
        }
        String mediaType = MEDIA_TYPES.get(header.substring(0, header.length() - ";base64".length()));
        if (mediaType == null) {
            throw invalid(field, "must be a PNG, JPEG, GIF or WebP image");
        }
        String base64 = url.substring(comma + 1);
        if ((long) base64.length() * 3 / 4 > MAX_IMAGE_BYTES + 3) {
            throw invalid(field, "is an image over " + MAX_IMAGE_BYTES + " bytes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw invalid(field, "is not valid base64");
        }
        if (bytes.length > MAX_IMAGE_BYTES) {
            throw invalid(field, "is an image over " + MAX_IMAGE_BYTES + " bytes");
        }
        if (!isA(mediaType, bytes)) {
            throw invalid(field, "is not a " + mediaType.substring(6).toUpperCase(Locale.ROOT) + " image");
        }
        return new ContentPart.Image(url, detail, mediaType, base64);
    }

    /** Whether the bytes start as a file of that type does (its magic number). */
    static boolean isA(String mediaType, byte[] bytes) {
        return switch (mediaType) {
            case "image/png" -> startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case "image/jpeg" -> startsWith(bytes, 0, 0xFF, 0xD8, 0xFF);
            case "image/gif" -> startsWith(bytes, 0, 'G', 'I', 'F', '8');
            case "image/webp" -> startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P');
            default -> false;
        };
    }

    private static boolean startsWith(byte[] bytes, int offset, int... magic) {
        if (bytes.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
