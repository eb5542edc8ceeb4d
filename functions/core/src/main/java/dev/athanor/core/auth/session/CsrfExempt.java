package dev.athanor.core.auth.session;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route that never acts on the session cookie's authority (it authenticates by what the body carries: login,
 * registration, refresh), so {@link CsrfFilter} lets it through without the CSRF header even when a browser sends
 * the cookie along.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CsrfExempt {
}
