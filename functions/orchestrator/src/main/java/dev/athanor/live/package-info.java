/**
 * The orchestrator's live events: the socket protocol (connect, ping, subscribe, unsubscribe), the channels of a team,
 * and the delivery of events to the clients listening. It loads in every function of the orchestrator's jar that
 * takes part: the API (local sockets, health, publishing), the worker (publishing), and the socket and events functions
 * of the cloud ({@code athanor.surface=orchestrator-live}), which load nothing else of the surface.
 */
@Configuration
@Requires(property = "athanor.surface", pattern = "orchestrator(-live)?", defaultValue = "orchestrator")
package dev.athanor.live;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
