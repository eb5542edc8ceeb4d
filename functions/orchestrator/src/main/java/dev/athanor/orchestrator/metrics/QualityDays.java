package dev.athanor.orchestrator.metrics;

import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.orchestrator.metrics.MetricsParameters.DayRange;
import dev.athanor.orchestrator.metrics.MetricsViews.QualityDay;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Quality per UTC day of the tasks that finished (completed or failed) that day: {@code overall_quality} is the mean
 * final quality of those that have one, {@code test_coverage} the share whose tests pass (no coverage is measured;
 * passing tests are what the judge sees), {@code security_score} the share without security issues. Every day of
 * the range is present, with zeros and {@code tasks} 0 when none finished.
 */
final class QualityDays {

    private QualityDays() {
    }

    static List<QualityDay> of(List<OrchestratorTask> tasks, DayRange range) {
        Map<LocalDate, List<OrchestratorTask>> byDay = new TreeMap<>();
        for (OrchestratorTask task : tasks) {
            boolean finished = task.status() == TaskStatus.COMPLETED || task.status() == TaskStatus.FAILED;
            if (finished && task.completedAt() != null && range.contains(Figures.utcDay(task.completedAt()))) {
                byDay.computeIfAbsent(Figures.utcDay(task.completedAt()), day -> new ArrayList<>()).add(task);
            }
        }
        List<QualityDay> days = new ArrayList<>(range.days());
        for (LocalDate day = range.first(); !day.isAfter(range.last()); day = day.plusDays(1)) {
            days.add(day(day, byDay.getOrDefault(day, List.of())));
        }
        return days;
    }

    private static QualityDay day(LocalDate day, List<OrchestratorTask> finished) {
        double quality = 0;
        int scored = 0;
        int passing = 0;
        int secure = 0;
        for (OrchestratorTask task : finished) {
            if (task.finalQuality() != null) {
                quality += task.finalQuality();
                scored++;
            }
            passing += task.testsPassing() ? 1 : 0;
            secure += task.securityIssues() == 0 ? 1 : 0;
        }
        return new QualityDay(Figures.midnight(day), Figures.ratio(Figures.average(quality, scored)),
                Figures.ratio(Figures.average(passing, finished.size())),
                Figures.ratio(Figures.average(secure, finished.size())), finished.size());
    }
}
