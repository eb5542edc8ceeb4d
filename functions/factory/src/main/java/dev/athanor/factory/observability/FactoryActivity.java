package dev.athanor.factory.observability;

import dev.athanor.model.TeamId;
import dev.athanor.model.activity.ActivityLog;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
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

    /** The default page of {@code /api/permissions}. */
    static final int PERMISSION_ENTRIES = 100;
    /** The default page of the {@code logs} of {@code /api/tasks}. */
    static final int TASK_LOG_ENTRIES = 20;

    private final ActivityLog log;
    private final UsageLedger ledger;

    FactoryActivity(ActivityLog log, UsageLedger ledger) {
        this.log = log;
        this.ledger = ledger;
    }

    /** A page of the entries of every kind, newest first. */
    public Page<ActivityView> recent(TeamId team, PageRequest page) {
        return log.page(team, page).map(ActivityView::of);
    }

    /** A page of the refused calls, newest first. */
    public Page<ActivityView> permissionDenials(TeamId team, PageRequest page) {
        return log.page(team, PERMISSION_DENIED, page).map(ActivityView::of);
    }

    /** Counts of the team's factory LLM calls (a call whose status is not {@code ok} failed), with {@code logs}. */
    public TaskSummary tasks(TeamId team, List<ActivityView> logs) {
        UsageTotals calls = ledger.totals(team, SURFACE);
        return new TaskSummary(calls.calls(), calls.calls() - calls.failedCalls(), calls.failedCalls(), logs);
    }
}
