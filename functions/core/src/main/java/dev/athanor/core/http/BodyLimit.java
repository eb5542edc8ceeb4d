package dev.athanor.core.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The largest body a route takes, in bytes, in place of {@code athanor.http.default-body-limit} and up to the server's
 * {@code max-request-size}: a larger body is refused with 413 before anything reads it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface BodyLimit {

    long value();
}
