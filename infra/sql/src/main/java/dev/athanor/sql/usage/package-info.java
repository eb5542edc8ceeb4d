/**
 * The usage ledger on micronaut-data-jdbc. Its beans exist only where a datasource is configured: every Lambda
 * handler builds its singletons at start-up, and only the ledger function (which writes the ledger) and the factory
 * (whose cost endpoints read it) have a database.
 */
@Configuration
@Requires(property = "datasources.default.url")
package dev.athanor.sql.usage;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
