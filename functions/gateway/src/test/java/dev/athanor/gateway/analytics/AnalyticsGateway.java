package dev.athanor.gateway.analytics;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The gateway's Lambda handler configured from template.yaml on the embedded stack (its ledger is the stack's H2
 * database), with its clock stopped in mid-November 2025; tokens for accounts of teams of the test's own.
 */
final class AnalyticsGateway implements AutoCloseable {

    static final String NOW = "2025-11-15T12:00:00Z";

    final LambdaHttp http;

    private AnalyticsGateway(LambdaHttp http) {
        this.http = http;
    }

    static AnalyticsGateway start() {
        return new AnalyticsGateway(LambdaHttp.start("GatewayFunction", Map.of("test.analytics.now", NOW)));
    }

    /** A team name no other test uses. */
    static String team(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The token of an account ({@code user} null: a team token, standing for no account). */
    String token(String team, String role, String user) {
        TeamPrincipal principal = new TeamPrincipal(TeamId.of(team), role, user == null ? team : user, user, null);
        return http.context().getBean(TokenIssuer.class).issue(principal, Duration.ofHours(1)).token();
    }

    LambdaHttp.Response report(String token, String body) {
        return http.send(request("POST", "/v1/analytics/usage").bearer(token).json(body));
    }

    LambdaHttp.Response analytics(String token, String user, String... query) {
        var get = request("GET", "/v1/analytics/user/" + user).bearer(token);
        for (int i = 0; i < query.length; i += 2) {
            get = get.query(query[i], query[i + 1]);
        }
        return http.send(get);
    }

    /** The ledger row's columns, by name; empty when there is no such row. */
    Map<String, Object> row(String id) throws SQLException {
        try (Connection connection = ledger();
             PreparedStatement select = connection.prepareStatement("SELECT * FROM usage_ledger WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                Map<String, Object> columns = new LinkedHashMap<>();
                if (rows.next()) {
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        columns.put(rows.getMetaData().getColumnLabel(i).toLowerCase(), rows.getObject(i));
                    }
                }
                return columns;
            }
        }
    }

    /** A connection of the test's own to the stack's ledger, which the gateway shares. */
    private static Connection ledger() throws SQLException {
        return DriverManager.getConnection(LocalStackExtension.stack().ledgerUrl(), "sa", "");
    }

    long rows(String team) throws SQLException {
        try (Connection connection = ledger();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM usage_ledger WHERE team_id = ?")) {
            count.setString(1, team);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static void assertAmount(String expected, Object actual) {
        assertInstanceOf(Number.class, actual, "amounts are JSON numbers");
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.toString())), expected + " vs " + actual);
    }

    static void assertCount(long expected, Object actual) {
        assertCount(expected, actual, "a count");
    }

    static void assertCount(long expected, Object actual, String why) {
        assertInstanceOf(Number.class, actual, "counts are JSON numbers");
        assertEquals(expected, ((Number) actual).longValue(), why);
    }

    @Override
    public void close() {
        http.close();
    }
}
