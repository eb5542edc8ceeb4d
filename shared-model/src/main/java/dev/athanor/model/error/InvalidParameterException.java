package dev.athanor.model.error;

/**
 * A request parameter the OpenAI-compatible routes cannot take: a 400 whose error names the parameter, as OpenAI's
 * API answers (its SDKs read {@code error.param}).
 */
public class InvalidParameterException extends MalformedInputException {

    private final String param;

    public InvalidParameterException(String param, String problem) {
        super(param + " " + problem);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
