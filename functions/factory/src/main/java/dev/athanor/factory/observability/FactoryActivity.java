package dev.athanor.factory.observability;

import dev.athanor.model.TeamId;
import dev.athanor.model.activity.ActivityLog;
import dev.athanor.model.usage.UsageLedger;
import dev.athanor.model.usage.UsageTotals;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;

/** The team's activity log as the observability endpoints show it, and the task summary built on it. */
@Requires(beans = {ActivityLog.class, UsageLedger.class})
@Singleton
public class FactoryActivity {

    /** The action of an entry recorded for every refused (403) call. */
    public static final String PERMISSION_DENIED = "permission_denied";
    /** The ledger's surface of the factory's calls (its pipeline phases and agent tests). */
    public static final String SURFACE = "factory";

    static final int PERMISSION_ENTRIES = 100;
    static final int TASK_LOG_ENTRIES = 20;

    private final ActivityLog log;
    private final UsageLedger ledger;

    FactoryActivity(ActivityLog log, UsageLedger ledger) {
        this.log = log;
        this.ledger = ledger;
    }

    /** The newest entries of every kind, newest first. */
    public List<ActivityView> recent(TeamId team, int limit) {
        return log.recent(team, limit).stream().map(ActivityView::of).toList();
    }

    /** The newest refused calls, newest first. */
    public List<ActivityView> permissionDenials(TeamId team) {
        return log.recent(team, PERMISSION_DENIED, PERMISSION_ENTRIES).stream().map(ActivityView::of).toList();
    }

    /** Counts of the team's factory LLM calls (a call whose status is not {@code ok} failed) and the newest entries. */
    public TaskSummary tasks(TeamId team) {
        UsageTotals calls = ledger.totals(team, SURFACE);
        return new TaskSummary(calls.calls(), calls.calls() - calls.failedCalls(), calls.failedCalls(),
                recent(team, TASK_LOG_ENTRIES));
    }
}
