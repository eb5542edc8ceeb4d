package dev.athanor.factory.settings;

import dev.athanor.core.llm.ProviderCatalog;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;

/**
 * {@code POST /api/settings/wipe}: erases one team's data in every store that keeps some (each {@link TeamData}
 * bean of this function), then gives the team its default settings again. Other teams are never touched. A wipe
 * that fails part-way can be repeated: each store's wipe is.
 */
@Singleton
public class TeamWipe {

    private final List<TeamData> stores;
    private final SettingsService settings;
    private final ProviderCatalog catalog;

    TeamWipe(List<TeamData> stores, SettingsService settings, ProviderCatalog catalog) {
        this.stores = stores.stream().sorted(Comparator.comparing(TeamData::name)).toList();
        this.settings = settings;
        this.catalog = catalog;
    }

    /** Wipes the team and returns the names of the stores it erased, in alphabetical order. */
    public List<String> wipe(TeamId team) {
        for (TeamData store : stores) {
            store.wipe(team);
        }
        catalog.invalidate(team);
        settings.get(team);
        return stores.stream().map(TeamData::name).toList();
    }
}
