package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.promptlab.GitIdentity;
import dev.athanor.model.promptlab.GitIdentityStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.util.Optional;

/** A team's Git identity, the item {@code git#identity} of the {@code prompt_projects} table (token sealed). */
@Singleton
@Requires(property = "athanor.dynamodb.tables.prompt-projects")
public class DynamoGitIdentityStore implements GitIdentityStore, TeamData {

    static final String IDENTITY = "git#identity";

    private final GitStateTable state;

    public DynamoGitIdentityStore(DynamoDbEnhancedClient client, TableNames names, JsonMapper json) {
        this.state = new GitStateTable(client, names, json);
    }

    @Override
    public Optional<GitIdentity> find(TeamId team) {
        return state.get(team, IDENTITY, GitIdentity.class);
    }

    @Override
    public void save(TeamId team, GitIdentity identity) {
        state.put(team, IDENTITY, 0, identity);
    }

    @Override
    public boolean delete(TeamId team) {
        return state.table.delete(team, IDENTITY);
    }

    @Override
    public String name() {
        return "prompt_git_identity";
    }

    @Override
    public void wipe(TeamId team) {
        delete(team);
    }
}
