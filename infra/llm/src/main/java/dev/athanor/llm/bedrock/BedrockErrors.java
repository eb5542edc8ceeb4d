package dev.athanor.llm.bedrock;

import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Maps what the SDK throws for a Bedrock call onto the port's typed errors. */
final class BedrockErrors {

    /** Error codes of the AWS front door that have no modelled exception in the Bedrock runtime model. */
    private static final Set<String> AUTH_CODES = Set.of("AccessDeniedException", "UnrecognizedClientException",
            "InvalidSignatureException", "IncompleteSignature", "ExpiredTokenException", "MissingAuthenticationToken",
            "InvalidClientTokenId", "NotAuthorized", "SignatureDoesNotMatch");

    private BedrockErrors() {
    }

    static LlmException map(String providerId, Throwable thrown) {
        Throwable error = unwrap(thrown);
        if (error instanceof LlmException llm) {
            return llm;
        }
        if (error instanceof AwsServiceException aws) {
            return fromService(providerId, aws);
        }
        if (error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException
                || hasCause(error, SocketTimeoutException.class)
                || hasCauseNamed(error, "io.netty.handler.timeout.ReadTimeoutException")) {
            return new LlmException(LlmErrorKind.TIMEOUT, providerId, 0,
                    "Bedrock call timed out: " + safeMessage(error), null, error);
        }
        // connection refused, reset, DNS and other transport failures: the vendor could not be reached
        String reason = hasCause(error, IOException.class) ? "Bedrock unreachable: " : "Bedrock call failed: ";
        return new LlmException(LlmErrorKind.UNAVAILABLE, providerId, 0, reason + safeMessage(error), null, error);
    }

    private static LlmException fromService(String providerId, AwsServiceException aws) {
        AwsErrorDetails details = aws.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        int status = aws.statusCode();
        LlmErrorKind kind = kindOf(aws, code, status);
        String vendorMessage = details != null && details.errorMessage() != null
                ? details.errorMessage() : "no message";
        String label = code != null ? code : aws.getClass().getSimpleName();
        String message = "Bedrock " + label + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + vendorMessage;
        Duration retryAfter = kind == LlmErrorKind.RATE_LIMITED && details != null
                ? retryAfter(details.sdkHttpResponse()) : null;
        return new LlmException(kind, providerId, status, message, retryAfter, aws);
    }

    static LlmErrorKind kindOf(AwsServiceException aws, String code, int status) {
        // modelled exceptions first: in-stream exception events carry the type but not always an HTTP status
        if (aws instanceof ModelNotReadyException) {
            return LlmErrorKind.UNAVAILABLE; // sent with 429, yet it means the model is still loading
        }
        if (aws instanceof ThrottlingException || aws instanceof ServiceQuotaExceededException) {
            return LlmErrorKind.RATE_LIMITED;
        }
        if (aws instanceof ModelTimeoutException) {
            return LlmErrorKind.TIMEOUT;
        }
        if (aws instanceof ServiceUnavailableException || aws instanceof InternalServerException
                || aws instanceof ModelStreamErrorException || aws instanceof ModelErrorException) {
            return LlmErrorKind.UNAVAILABLE;
        }
        if (aws instanceof AccessDeniedException || (code != null && AUTH_CODES.contains(code))) {
            return LlmErrorKind.AUTHENTICATION;
        }
        if (aws instanceof ValidationException) {
            return LlmErrorKind.INVALID_REQUEST;
        }
        if (aws instanceof ResourceNotFoundException) {
            return LlmErrorKind.NOT_FOUND;
        }
        if (code != null && code.startsWith("Throttl")) {
            return LlmErrorKind.RATE_LIMITED;
        }
        return kindOfStatus(status);
    }

    static LlmErrorKind kindOfStatus(int status) {
        if (status == 429) {
            return LlmErrorKind.RATE_LIMITED;
        }
        if (status == 401 || status == 403) {
            return LlmErrorKind.AUTHENTICATION;
        }
        if (status == 404) {
            return LlmErrorKind.NOT_FOUND;
        }
        if (status == 408) {
            return LlmErrorKind.TIMEOUT;
        }
        if (status >= 400 && status < 500) {
            return LlmErrorKind.INVALID_REQUEST;
        }
        return LlmErrorKind.UNAVAILABLE;
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(SdkHttpResponse response) {
        if (response == null) {
            return null;
        }
        return response.firstMatchingHeader("Retry-After").map(String::trim).map(value -> {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Duration wait = Duration.between(ZonedDateTime.now(),
                            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                    return wait.isNegative() ? Duration.ZERO : wait;
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }).orElse(null);
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable error = thrown;
        while ((error instanceof CompletionException || error instanceof ExecutionException)
                && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCauseNamed(Throwable error, String className) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /** The SDK's own message; it names the endpoint and the failure, never the credentials. */
    private static String safeMessage(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message;
    }
}
