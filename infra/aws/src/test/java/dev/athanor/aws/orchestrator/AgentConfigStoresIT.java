package dev.athanor.aws.orchestrator;

import dev.athanor.aws.crypto.LocalKeySecretSealer;
import dev.athanor.aws.dynamo.OnlyTables;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.orchestrator.AgentConnection;
import dev.athanor.model.orchestrator.AgentFile;
import dev.athanor.model.orchestrator.AgentFileType;
import dev.athanor.model.orchestrator.ConnectionType;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent connections and config-file index in the agent_config table, on DynamoDB Local. */
@ExtendWith(LocalStackExtension.class)
class AgentConfigStoresIT {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private String tableName;
    private DynamoAgentConnectionStore connections;
    private DynamoAgentFileStore files;
    private TeamId team;
    private TeamId otherTeam;

    @BeforeEach
    void setUp() {
        tableName = LocalStackExtension.stack().functionEnvironment("OrchestratorFunction")
                .get("ATHANOR_DYNAMODB_TABLES_AGENT_CONFIG");
        TableNames names = OnlyTables.of("agent_config", tableName);
        DynamoDbEnhancedClient client = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(LocalStackExtension.stack().dynamo()).build();
        connections = new DynamoAgentConnectionStore(client, names, new LocalKeySecretSealer(dir.resolve("key")));
        files = new DynamoAgentFileStore(client, names);
        // fresh teams per test: the embedded table is shared by the whole test JVM
        team = TeamId.of("team-" + UUID.randomUUID());
        otherTeam = TeamId.of("other-" + UUID.randomUUID());
    }

    private static AgentConnection connection(String agentId, String keyId) {
        return new AgentConnection(agentId, "Agent " + agentId, ConnectionType.API, "https://api.example.com", 443,
                keyId, true, "m-1");
    }

    private Map<String, AttributeValue> raw(String id) {
        return LocalStackExtension.stack().dynamo().getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(Map.of("team_id", AttributeValue.fromS(team.value()), "id", AttributeValue.fromS(id)))).item();
    }

    @Test
    void a_connection_is_saved_read_listed_and_deleted_within_its_team_only() {
        Versioned<AgentConnection> saved = connections.save(team, connection("gemini_main", null), null, null);
        connections.save(team, connection("claude_main", null), null, null);
        connections.save(otherTeam, connection("other_main", null), null, null);

        assertEquals(new Versioned<>(connection("gemini_main", null), 1L), saved);
        assertEquals(Optional.of(saved), connections.find(team, "gemini_main"));
        assertEquals(Optional.empty(), connections.find(otherTeam, "gemini_main"));
        assertEquals(List.of("claude_main", "gemini_main"), connections.list(team, PageRequest.first(10)).items()
                .stream().map(AgentConnection::agentId).toList());
        assertTrue(connections.delete(team, "gemini_main"));
        assertFalse(connections.delete(team, "gemini_main"));
        assertEquals(Optional.empty(), connections.find(team, "gemini_main"));
    }

    @Test
    void a_second_connection_with_the_agent_id_or_a_stale_update_is_a_conflict() {
        connections.save(team, connection("a", null), null, null);
        connections.save(team, connection("a", null), null, 1L);

        assertThrows(ConflictException.class, () -> connections.save(team, connection("a", null), null, null));
        assertThrows(ConflictException.class, () -> connections.save(team, connection("a", null), null, 1L));
        assertEquals(2L, connections.find(team, "a").orElseThrow().version());
    }

    @Test
    void the_key_is_stored_sealed_kept_while_its_id_is_kept_and_dropped_with_it() {
        connections.save(team, connection("a", "key-1"), "sk-secret-1", null);

        String sealed = raw("connection#a").get("sealed_api_key").s();
        assertFalse(sealed.contains("sk-secret-1"), sealed);
        assertEquals(Optional.of("sk-secret-1"), connections.apiKey(team, "a"));

        connections.save(team, new AgentConnection("a", "Renamed", ConnectionType.API, null, null, "key-1", false,
                null), null, 1L);
        assertEquals(Optional.of("sk-secret-1"), connections.apiKey(team, "a"), "same key id: the key stays");
        assertEquals("Renamed", connections.find(team, "a").orElseThrow().value().agentName());

        connections.save(team, connection("a", null), null, 2L);
        assertEquals(Optional.empty(), connections.apiKey(team, "a"));
        assertNull(raw("connection#a").get("sealed_api_key"));
    }

    private static AgentFile file(String path, AgentFileType type) {
        return new AgentFile(path, type, 12, AT, UUID.randomUUID().toString());
    }

    @Test
    void files_are_indexed_by_path_listed_by_type_and_deleted_at_the_version_read() {
        AgentFile skill = file(".claude/skills/review.md", AgentFileType.SKILL);
        files.create(team, skill);
        files.create(team, file(".claude/commands/fix.md", AgentFileType.INSTRUCTION));
        files.create(team, file("mcp.json", AgentFileType.MCP));
        files.create(otherTeam, file("other.md", AgentFileType.SKILL));

        assertEquals(Optional.of(new Versioned<>(skill, 1L)), files.find(team, skill.path()));
        assertEquals(List.of(".claude/commands/fix.md", ".claude/skills/review.md", "mcp.json"),
                paths(files.list(team, null, PageRequest.first(10))));
        assertEquals(List.of(".claude/skills/review.md"), paths(files.list(team, AgentFileType.SKILL,
                PageRequest.first(10))));
        assertThrows(ConflictException.class, () -> files.create(team, file(skill.path(), AgentFileType.CONFIG)));

        AgentFile changed = file(skill.path(), AgentFileType.CONFIG);
        assertEquals(new Versioned<>(changed, 2L), files.update(team, changed, 1L));
        assertThrows(ConflictException.class, () -> files.update(team, skill, 1L));
        assertThrows(ConflictException.class, () -> files.delete(team, skill.path(), 1L));
        files.delete(team, skill.path(), 2L);
        assertEquals(Optional.empty(), files.find(team, skill.path()));
    }

    @Test
    void a_filtered_list_pages_through_every_file_of_its_type() {
        for (int i = 0; i < 5; i++) {
            files.create(team, file("s" + i + ".md", AgentFileType.SKILL));
            files.create(team, file("c" + i + ".json", AgentFileType.CONFIG));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<AgentFile> page = files.list(team, AgentFileType.SKILL, new PageRequest(2, cursor));
            seen.addAll(paths(page));
            cursor = page.next();
        } while (cursor != null);

        assertEquals(List.of("s0.md", "s1.md", "s2.md", "s3.md", "s4.md"), seen);
    }

    @Test
    void a_wipe_removes_the_teams_connections_and_files_only() {
        connections.save(team, connection("a", null), null, null);
        files.create(team, file("a.md", AgentFileType.SKILL));
        connections.save(otherTeam, connection("a", null), null, null);

        connections.wipe(team);
        files.wipe(team);

        assertEquals(Optional.empty(), connections.find(team, "a"));
        assertEquals(Optional.empty(), files.find(team, "a.md"));
        assertTrue(connections.find(otherTeam, "a").isPresent());
    }

    private static List<String> paths(Page<AgentFile> page) {
        return page.items().stream().map(AgentFile::path).toList();
    }
}
