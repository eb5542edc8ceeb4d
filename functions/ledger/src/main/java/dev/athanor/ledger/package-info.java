/**
 * The usage-ledger writer, which belongs to no surface: the function that reads every surface's usage events from
 * the usage queue and writes them to the SQL ledger. Its beans load only in a context serving it
 * ({@code athanor.surface=ledger}), the default in its own Lambda jar; locally all functions share one classpath and
 * each context picks its own.
 */
@Configuration
@Requires(property = "athanor.surface", value = "ledger", defaultValue = "ledger")
package dev.athanor.ledger;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
