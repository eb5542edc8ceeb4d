package dev.athanor.orchestrator.hrm;

import dev.athanor.model.orchestrator.HrmHistoryEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/** One change of a config (6.9): when, who, from where, and each setting's value before and after. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record HistoryEntryView(String id, String configId, String projectId, @Nullable String taskId,
                               String changedAt, String changedBy, String source, @Nullable String presetId,
                               @Nullable String presetName, List<HrmHistoryEntry.Change> changes) {

    static HistoryEntryView of(HrmHistoryEntry entry) {
        return new HistoryEntryView(entry.id(), entry.configId(), entry.projectId(), entry.taskId(),
                entry.changedAt().toString(), entry.changedBy(), entry.source(), entry.presetId(),
                entry.presetName(), entry.changes());
    }
}
