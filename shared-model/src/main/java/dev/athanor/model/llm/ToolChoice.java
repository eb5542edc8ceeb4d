package dev.athanor.model.llm;

/**
 * Whether and which tool the model must call: {@code none}, {@code auto}, {@code required}, or {@code function} with
 * the function's name.
 */
public record ToolChoice(String mode, String function) {

    public static final ToolChoice NONE = new ToolChoice("none", null);
    public static final ToolChoice AUTO = new ToolChoice("auto", null);
    public static final ToolChoice REQUIRED = new ToolChoice("required", null);

    public static ToolChoice function(String name) {
        return new ToolChoice("function", name);
    }

    public boolean none() {
        return "none".equals(mode);
    }

    public boolean required() {
        return "required".equals(mode);
    }

    public boolean named() {
        return "function".equals(mode);
    }
}
