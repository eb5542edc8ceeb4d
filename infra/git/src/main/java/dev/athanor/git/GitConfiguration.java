package dev.athanor.git;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * {@code athanor.git.*}: where working copies live and how Git hosts are reached.
 */
@ConfigurationProperties("athanor.git")
public interface GitConfiguration {

    /**
     * The folder holding one working copy per repository and identity; {@code /tmp} in Lambda, where it lasts while
     * the instance is warm. A copy is a cache: deleting it costs one clone.
     */
    @NotBlank
    @Bindable(defaultValue = "${java.io.tmpdir}/athanor-git")
    String getWorkspaceDir();

    /** How long one call to a Git host (REST or Git over https) may take before it is a 502. */
    @NotNull
    @Bindable(defaultValue = "20s")
    Duration getTimeout();

    /** github.com's REST API; GitHub Enterprise is reached at {@code <server_url>/api/v3}. */
    @NotBlank
    @Bindable(defaultValue = "https://api.github.com")
    String getGithubApiUrl();

    /** gitlab.com, for identities that name no {@code server_url}; its API is {@code <url>/api/v4}. */
    @NotBlank
    @Bindable(defaultValue = "https://gitlab.com")
    String getGitlabUrl();

    /** How many commits of the default branch a working copy holds (a shallow clone); history reads go that far. */
    @Min(1)
    @Bindable(defaultValue = "200")
    int getDepth();
}
