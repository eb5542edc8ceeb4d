/**
 * The orchestrator surface. Its beans load only in a context serving it ({@code athanor.surface=orchestrator}), which is the
 * default in its own Lambda jar; locally all surfaces share one classpath and each context picks its own.
 */
@Configuration
@Requires(property = "athanor.surface", value = "orchestrator", defaultValue = "orchestrator")
package dev.athanor.orchestrator;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
