package dev.athanor.factory.jobs;

import dev.athanor.core.work.WorkHandler;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.work.WorkMessage;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Starts factory jobs from the intake queue: {@code {"team_id": "...", "job": {<the body of POST /api/jobs>}}}, or
 * the job's fields next to {@code team_id}. A job whose slug exists is a redelivery (or a clash) and is dropped
 * with a log line; a request that is not valid fails, so it ends in the intake DLQ where someone can see it.
 */
@Singleton
@Requires(beans = FactoryJobs.class)
public class JobIntakeHandler implements WorkHandler {

    /** The type of every message of the intake queue, whatever its attributes. */
    public static final String TYPE = "factory.intake";

    private static final Logger LOG = LoggerFactory.getLogger(JobIntakeHandler.class);

    private final FactoryJobs jobs;
    private final JsonMapper json;
    private final String intakeQueue;

    /**
     * @param intakeQueue the name of the intake queue ({@code athanor.factory.intake-queue}), whose messages come
     *                    from other systems without a type attribute: all of them are job requests
     */
    public JobIntakeHandler(FactoryJobs jobs, JsonMapper json,
                            @Nullable @Value("${athanor.factory.intake-queue:}") String intakeQueue) {
        this.jobs = jobs;
        this.json = json;
        this.intakeQueue = intakeQueue;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Optional<String> queue() {
        return Optional.ofNullable(intakeQueue);
    }

    @Override
    public void handle(WorkMessage message) throws Exception {
        Map<String, Object> body = json.readValue(message.body(), Argument.mapOf(String.class, Object.class));
        Object team = body.get("team_id");
        if (!(team instanceof String teamId) || teamId.isBlank()) {
            throw new InvalidInputException("An intake message needs team_id");
        }
        Map<String, Object> request = new LinkedHashMap<>(body);
        if (body.get("job") instanceof Map<?, ?> job) {
            request.clear();
            job.forEach((k, v) -> request.put(String.valueOf(k), v));
        }
        request.remove("team_id");
        try {
            JobView job = jobs.create(TeamId.of(teamId), request);
            LOG.info("Job {} of team {} started from the intake queue", job.slug(), teamId);
        } catch (ConflictException exists) {
            LOG.warn("Intake message {} dropped: {}", message.messageId(), exists.getMessage());
        }
    }
}
