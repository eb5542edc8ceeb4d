package dev.athanor.factory.providers;

import dev.athanor.core.llm.ModelDirectory;
import dev.athanor.core.llm.ProviderProbe;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ModelInfo;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Connection tests and model listings: a provider is asked live, a listing of all comes from the routing cache. */
@Singleton
public class ProviderModels {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderModels.class);

    private final ProviderProbe probe;
    private final ModelDirectory directory;

    ProviderModels(ProviderProbe probe, ModelDirectory directory) {
        this.probe = probe;
        this.directory = directory;
    }

    /**
     * Asks the provider (enabled or not) for its models. A failure is an answer with status error, never an error
     * response; only an unknown provider is (404).
     */
    public ProviderTestResult test(TeamId team, String name) {
        try {
            return ProviderTestResult.ok(name, probe.models(team, name).size());
        } catch (NotFoundException e) {
            throw e;
        } catch (LlmException | DomainException e) {
            return ProviderTestResult.failed(name, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Testing provider {} failed", name, e);
            return ProviderTestResult.failed(name, "the provider could not be asked for its models");
        }
    }

    /**
     * With a key or a base URL: the models of a provider described by the query and stored nowhere ({@code kind},
     * default openai), labelled {@code provider} if given. Otherwise the models of the team's provider
     * {@code provider}, asked now, or with no provider those of all the team's usable providers.
     */
    public ModelList list(TeamId team, String provider, String kind, String key, String baseUrl) {
        if (present(key) || present(baseUrl)) {
            String label = present(provider) ? provider : ProviderProbe.AD_HOC_ID;
            return listed(label, probe.adHocModels(present(kind) ? kind : null, baseUrl, key));
        }
        if (present(provider)) {
            return listed(provider, probe.models(team, provider));
        }
        return new ModelList(null, directory.list(team).stream()
                .map(model -> new ModelList.Model(model.id(), model.providerId())).toList());
    }

    private static ModelList listed(String provider, List<ModelInfo> models) {
        return new ModelList(provider, models.stream().map(model -> new ModelList.Model(model.id(), provider))
                .toList());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
