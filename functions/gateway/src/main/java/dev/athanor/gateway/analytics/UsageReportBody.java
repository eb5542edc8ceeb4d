package dev.athanor.gateway.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/**
 * The body of {@code POST /v1/analytics/usage} as the API document shows it. Only documentation: the body is read
 * field by field by {@link UsageReportParser}, which holds the rules.
 */
@Schema(description = "A call made elsewhere, recorded for a user of the caller's team")
record UsageReportBody(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 255, example = "user123")
        @JsonProperty("user_id") String userId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 255, example = "gpt-3.5-turbo")
        String model,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "10000000", example = "150")
        @JsonProperty("tokens_used") Integer tokensUsed,
        @Schema(maxLength = 64, example = "chat_completion")
        @JsonProperty("request_type") String requestType,
        @Schema(description = "ISO 8601 date-time; default: when the report arrives", example = "2025-10-26T10:30:00Z")
        String timestamp,
        @Schema(description = "At most 20 keys; strings, numbers, booleans or null")
        Map<String, Object> metadata) {
}
