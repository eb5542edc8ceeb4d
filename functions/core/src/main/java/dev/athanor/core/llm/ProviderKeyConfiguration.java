package dev.athanor.core.llm;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/** {@code athanor.llm.provider-key-env}: see {@link ProviderKeyVariables}. */
@ConfigurationProperties("athanor.llm")
public interface ProviderKeyConfiguration {

    /**
     * The environment variables a registered provider may name as {@code api_key_env} (env
     * {@code ATHANOR_LLM_PROVIDER_KEY_ENV}, comma-separated). By default the vendor keys the LLM core itself reads;
     * {@code none} allows none.
     */
    @Bindable(defaultValue = "OPENAI_API_KEY,ANTHROPIC_API_KEY,GEMINI_API_KEY,DEEPSEEK_API_KEY")
    List<String> getProviderKeyEnv();
}
