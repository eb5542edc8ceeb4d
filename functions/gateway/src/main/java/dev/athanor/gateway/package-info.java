/**
 * The gateway surface. Its beans load only in a context serving it ({@code athanor.surface=gateway}), which is the
 * default in its own Lambda jar; locally all surfaces share one classpath and each context picks its own.
 */
@Configuration
@Requires(property = "athanor.surface", value = "gateway", defaultValue = "gateway")
package dev.athanor.gateway;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
