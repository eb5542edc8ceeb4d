package dev.athanor.live;

import dev.athanor.model.StableIds;
import dev.athanor.model.TeamId;
import dev.athanor.model.live.LiveEvent;
import dev.athanor.model.live.LiveEventPublisher;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the events of one state change and hands them to the events queue. Each event's {@code event_id} derives from
 * what caused it ({@code source}: a step's token, a task's run and status, a breaker's change), so the same change
 * reported again (a redelivered step, a repeated end) yields the same ids, and clients drop the copy. Events of a
 * task share its id as order key, so they reach clients in the order they were published.
 * <p>
 * Where no events queue is configured (a function that publishes none) the events are only logged at debug level.
 */
@Singleton
public class LiveEvents {

    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);

    private final Optional<LiveEventPublisher> publisher;
    private final JsonMapper json;
    private final Clock clock;

    public LiveEvents(Optional<LiveEventPublisher> publisher, JsonMapper json, Clock clock) {
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Events about a task (or, with no task, a project; with neither, the team).
     *
     * @param source what caused them, the same each time the same change is reported
     */
    public Batch about(TeamId team, String projectId, String taskId, String source) {
        return new Batch(team, projectId, taskId, source);
    }

    public final class Batch {
        private final TeamId team;
        private final String projectId;
        private final String taskId;
        private final String source;
        private final List<LiveEvent> events = new ArrayList<>();

        private Batch(TeamId team, String projectId, String taskId, String source) {
            this.team = team;
            this.projectId = projectId;
            this.taskId = taskId;
            this.source = source;
        }

        /** Adds an event of {@code type} with {@code fields} (in the document's order), its time and its id. */
        public Batch add(String type, Map<String, Object> fields) {
            String id = StableIds.of("ev-", team.value() + "/" + source + "/" + type + "/" + events.size());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", type);
            body.putAll(fields);
            body.put("timestamp", clock.instant().toString());
            body.put("event_id", id);
            String orderKey = taskId != null ? taskId : projectId != null ? projectId : team.value();
            events.add(new LiveEvent(id, team, orderKey, Channels.of(projectId, taskId), write(body)));
            return this;
        }

        public List<LiveEvent> events() {
            return List.copyOf(events);
        }

        /** Hands the events to the queue; throws when it did not take them (the change should be tried again). */
        public void publish() {
            if (events.isEmpty()) {
                return;
            }
            if (publisher.isEmpty()) {
                LOG.debug("No events queue here: {} event(s) of {} not published", events.size(), source);
                return;
            }
            publisher.get().publish(events);
        }

        /** Publishes, logging instead of throwing: for events that must never fail what they report. */
        public void publishQuietly() {
            try {
                publish();
            } catch (RuntimeException e) {
                LOG.warn("{} live event(s) of {} not published", events.size(), source, e);
            }
        }
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
