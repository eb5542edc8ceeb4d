/**
 * The actions surface. Its beans load only in a context serving it ({@code athanor.surface=actions}), which is the
 * default in its own Lambda jar; locally all surfaces share one classpath and each context picks its own.
 */
@Configuration
@Requires(property = "athanor.surface", value = "actions", defaultValue = "actions")
package dev.athanor.actions;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
