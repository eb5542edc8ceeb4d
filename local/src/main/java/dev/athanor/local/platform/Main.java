package dev.athanor.local.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * {@code athanor-local [--in-memory] [--data-dir DIR] [--template FILE]}: starts the whole platform and prints
 * where everything is. Ctrl-C stops it; data under the data directory (default {@code ./.athanor}) is kept.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Path template = Path.of("template.yaml");
        Path dataDir = Path.of(".athanor");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--in-memory" -> dataDir = null;
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--template" -> template = Path.of(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("usage: athanor-local [--in-memory] [--data-dir DIR] [--template FILE]");
                    return;
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + " (try --help)");
            }
        }
        if (!Files.exists(template)) {
            throw new IllegalArgumentException(template.toAbsolutePath() + " not found: run from the project root or pass --template");
        }
        LocalPlatform platform = platform(template, dataDir, System.getenv("ATHANOR_ADMIN_KEY"),
                IntUnaryOperator.identity(), Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                platform.close();
            } catch (Exception e) {
                System.err.println("Shutdown: " + e.getMessage());
            }
        }, "athanor-shutdown"));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println(banner(platform, dataDir, seconds));
        // DynamoDB Local leaves a non-daemon thread behind; the process ends through the shutdown hook and exit.
        Thread.currentThread().join();
    }

    /**
     * The platform as this command starts it. The seeds' own client examples send no token, so requests without
     * credentials act as a member of team {@code default}; for that reason every surface listens on this machine only.
     *
     * @param settings operator settings the environment would otherwise give (see {@link LocalPlatform#start})
     */
    static LocalPlatform platform(Path template, Path dataDir, String adminKey, IntUnaryOperator portOf,
                                  Map<String, Object> settings) throws Exception {
        return LocalPlatform.start(template, dataDir, adminKey, portOf, LocalPlatform.ANONYMOUS_TEAM, settings);
    }

    static String banner(LocalPlatform platform, Path dataDir, double seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nAthanor is running (started in %.1f s; data: %s)%n%n", seconds,
                dataDir == null ? "in memory" : dataDir.toAbsolutePath()));
        out.append(String.format("  %-13s %-24s %s%n", "surface", "base URL", "API docs"));
        for (LocalPlatform.Surface surface : platform.surfaces()) {
            out.append(String.format("  %-13s %-24s %s/docs  %s/redoc  %s/openapi.json%n", surface.name(), surface.url(),
                    surface.url(), surface.url(), surface.url()));
        }
        Map<String, List<String>> consumed = new LinkedHashMap<>();
        platform.stack().resources().queueSubscriptions().forEach(subscription -> consumed
                .computeIfAbsent(subscription.functionId(), f -> new ArrayList<>()).add(subscription.queueId()));
        String row = "  %-" + consumed.keySet().stream().mapToInt(String::length).max().orElse(12) + "s  %s%n";
        out.append(String.format("%n" + row, "queue worker", "queues"));
        consumed.forEach((function, queues) -> out.append(String.format(row, function, String.join(", ", queues))));
        out.append(String.format("%n  live events (WebSocket): %s/ws, /ws/project/{id}, /ws/task/{id}%n",
                platform.surface("orchestrator").url().replace("http://", "ws://")));
        out.append(String.format("  usage ledger: %s%n", dataDir == null ? "H2, in memory"
                : "H2 at " + dataDir.resolve("ledger").toAbsolutePath()));
        var token = platform.token("default", "admin");
        out.append(String.format("%n  admin key (X-Admin-Key): %s%n", platform.adminKey()));
        out.append(String.format("  token for team 'default' (admin, %d s):%n    %s%n", token.expiresInSeconds(), token.token()));
        platform.anonymousTeam().ifPresentOrElse(team -> {
            out.append(String.format("%n  requests without credentials act as a member of team '%s'; every surface"
                    + " listens on %s only (this machine)%n", team, LocalPlatform.LOOPBACK));
            out.append(String.format("  try: curl %s/v1/models%n", platform.surface("gateway").url()));
            out.append(String.format("       curl -H 'Authorization: Bearer <token>' %s/api/settings   (admin)%n",
                    platform.surface("factory").url()));
        }, () -> out.append(String.format("%n  try: curl -H 'Authorization: Bearer <token>' %s/api/settings%n",
                platform.surface("factory").url())));
        out.append("  Ctrl-C stops everything.\n");
        return out.toString();
    }
}
