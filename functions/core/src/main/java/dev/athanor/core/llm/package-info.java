/**
 * The LLM core: providers, routing, circuit breakers, metering. Loaded in the functions that call models, which are
 * all given the circuit breakers' table; a function that calls none (the usage-ledger writer) has none of it.
 */
@Configuration
@Requires(property = "athanor.dynamodb.tables.breakers")
package dev.athanor.core.llm;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
