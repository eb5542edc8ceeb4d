package dev.athanor.model.orchestrator;

import java.util.List;

/** One numbered page of tasks and how many there are in all (seed 002's paginated envelope). */
public record TaskPage(List<OrchestratorTask> items, long total, int page, int pageSize) {

    public TaskPage {
        items = List.copyOf(items);
    }

    public long totalPages() {
        return total == 0 ? 0 : (total + pageSize - 1) / pageSize;
    }
}
