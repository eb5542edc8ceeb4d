package dev.athanor.actions.content;

/** The model's answer did not have the structure asked for, even after one retry that said what was wrong (502). */
public class UnusableAnswerException extends RuntimeException {

    public UnusableAnswerException(String message) {
        super(message);
    }
}
