package dev.athanor.factory.jobs;

import dev.athanor.model.StableIds;
import dev.athanor.model.TeamId;
import dev.athanor.model.hitl.Experience;
import dev.athanor.model.hitl.ExperienceStore;
import dev.athanor.model.page.PageRequest;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * The team's memory across jobs: lessons agents propose become pending experiences; the ones a person approved are
 * given to every agent of the team's later jobs, newest first, at most {@value #MAX_APPROVED}.
 */
@Singleton
@Requires(beans = ExperienceStore.class)
public class Lessons {

    static final int MAX_APPROVED = 20;

    private final ExperienceStore experiences;
    private final Clock clock;

    public Lessons(ExperienceStore experiences, Clock clock) {
        this.experiences = experiences;
        this.clock = clock;
    }

    void propose(TeamId team, String job, String agent, List<String> lessons) {
        for (String lesson : lessons) {
            experiences.open(team, new Experience(id(job, lesson), job, agent, lesson, Experience.PENDING,
                    clock.instant(), null, null, null, null));
        }
    }

    /** The approved lessons as a section to append to a system prompt, or nothing. */
    String approved(TeamId team) {
        List<String> approved = experiences.list(team, Experience.APPROVED, PageRequest.first(MAX_APPROVED)).items()
                .stream().map(Experience::content).toList();
        if (approved.isEmpty()) {
            return "";
        }
        return "\n\nLessons your team approved from earlier jobs:\n- " + String.join("\n- ", approved);
    }

    static String id(String job, String lesson) {
        return StableIds.of("exp-", job + "\n" + lesson);
    }
}
