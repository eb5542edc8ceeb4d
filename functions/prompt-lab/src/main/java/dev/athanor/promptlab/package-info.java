/**
 * The prompt-lab surface. Its beans load only in a context serving it ({@code athanor.surface=prompt-lab}), which is the
 * default in its own Lambda jar; locally all surfaces share one classpath and each context picks its own.
 */
@Configuration
@Requires(property = "athanor.surface", value = "prompt-lab", defaultValue = "prompt-lab")
package dev.athanor.promptlab;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
