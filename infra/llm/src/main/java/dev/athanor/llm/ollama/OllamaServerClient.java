package dev.athanor.llm.ollama;

import dev.athanor.llm.config.EnvironmentProviders;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.error.UpstreamException;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.ollama.OllamaGenerateRequest;
import dev.athanor.model.ollama.OllamaGeneration;
import dev.athanor.model.ollama.OllamaModel;
import dev.athanor.model.ollama.OllamaPullProgress;
import dev.athanor.model.ollama.OllamaServer;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@link OllamaServer} port on the Ollama server the operator configured ({@code OLLAMA_BASE_URL}, the one the
 * router's {@code ollama} provider uses): calls through {@link OllamaProvider}, its failures turned into the domain's.
 */
@Singleton
public class OllamaServerClient implements OllamaServer {

    private final OllamaProvider ollama;

    public OllamaServerClient(EnvironmentProviders environment, OllamaProviderFactory factory) {
        this.ollama = environment.configs().stream().filter(config -> config.kind() == ProviderKind.OLLAMA)
                .findFirst().map(factory::create).orElse(null);
    }

    @Override
    public boolean configured() {
        return ollama != null;
    }

    @Override
    public List<OllamaModel> models() {
        return call(null, () -> server().localModels());
    }

    @Override
    public OllamaGeneration generate(OllamaGenerateRequest request) {
        return call(request.model(), () -> server().generate(request));
    }

    @Override
    public OllamaGeneration generate(OllamaGenerateRequest request, Consumer<OllamaGeneration> lines) {
        return call(request.model(), () -> server().generate(request, lines));
    }

    @Override
    public void pull(String model, Consumer<OllamaPullProgress> progress) {
        call(model, () -> {
            server().pull(model, progress);
            return null;
        });
    }

    @Override
    public void delete(String model) {
        call(model, () -> {
            server().delete(model);
            return null;
        });
    }

    private OllamaProvider server() {
        if (ollama == null) {
            throw new UnavailableException(NOT_CONFIGURED);
        }
        return ollama;
    }

    /** Ollama's own 404 stays one; a request it refused is the caller's to fix; anything else is Ollama's failure. */
    private static <T> T call(String model, Supplier<T> call) {
        try {
            return call.get();
        } catch (LlmException e) {
            throw switch (e.kind()) {
                case NOT_FOUND -> new NotFoundException(model == null ? "Ollama: " + e.getMessage()
                        : "Ollama has no model '" + model + "' (" + e.getMessage() + ")");
                case INVALID_REQUEST -> new InvalidInputException("Ollama refused the request (" + e.getMessage() + ")");
                default -> new UpstreamException("The Ollama server could not be reached or failed ("
                        + e.getMessage() + ")", e);
            };
        }
    }
}
