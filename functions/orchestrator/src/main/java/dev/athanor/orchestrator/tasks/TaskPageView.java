package dev.athanor.orchestrator.tasks;

import dev.athanor.model.orchestrator.TaskPage;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/** The document's paginated envelope: one numbered page of tasks, how many match in all and in how many pages. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record TaskPageView(List<TaskView> items, long total, int page, int pageSize, long totalPages) {

    public static TaskPageView of(TaskPage page) {
        return new TaskPageView(page.items().stream().map(TaskView::of).toList(), page.total(), page.page(),
                page.pageSize(), page.totalPages());
    }
}
