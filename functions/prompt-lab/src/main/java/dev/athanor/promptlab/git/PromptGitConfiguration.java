package dev.athanor.promptlab.git;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/** {@code athanor.prompt-lab.git.*}: the prompt lab's Git workflow. */
@ConfigurationProperties("athanor.prompt-lab.git")
public interface PromptGitConfiguration {

    /** How long a pull request's state read from its host is trusted before {@code pending-prs} reads it again. */
    @NotNull
    @Bindable(defaultValue = "60s")
    Duration getPrCacheTtl();

    /** How long the production file read from a repository is served before it is read again. */
    @NotNull
    @Bindable(defaultValue = "300s")
    Duration getProdCacheTtl();

    /** The repository folder that holds one folder per project. */
    @NotBlank
    @Bindable(defaultValue = "prompts")
    String getRootFolder();
}
