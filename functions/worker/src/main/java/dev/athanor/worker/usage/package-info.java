/** Writes usage events from the usage queue into the ledger. Loaded only in the worker, like the rest of it. */
@Configuration
@Requires(property = "athanor.surface", value = "worker", defaultValue = "worker")
package dev.athanor.worker.usage;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
