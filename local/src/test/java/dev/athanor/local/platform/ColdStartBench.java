package dev.athanor.local.platform;

import dev.athanor.testkit.ColdStart;
import dev.athanor.testkit.LocalStackExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold start of every function Lambda invokes directly (bench/cold-start.sh runs it), beside the floor: an empty
 * Micronaut function of the same versions. Each run is a fresh JVM with only the function's jar (plus the probe
 * class), its handler built as Lambda builds it, its template environment (the global JAVA_TOOL_OPTIONS among
 * them), one event; the time is from JVM start to the answer.
 * <p>
 * Every target runs twice a round: as packaged, and with an application class-data sharing archive (AppCDS) made for
 * its jar by one training run before the rounds (the lever of an archive shipped in the package). The runs of a round
 * go in a new shuffled order, so a slow moment of the machine falls on all of them, and each function's ratio to the
 * floor is taken within its round, plain to plain and archive to archive.
 * <p>
 * The functions behind the Lambda Web Adapter (no SnapStart) are timed from their package's {@code run.sh} to the
 * server's first answer on the readiness path, as the adapter waits for it, in the same rounds (as packaged only).
 * <p>
 * Arguments: rounds, the floor's jar, the DynamoDB floor's jar (the floor holding a DynamoDB client built as the
 * functions build theirs), then optionally the functions to run (logical ids; all by default), each possibly as
 * {@code Id=path/to/function.jar} to measure another build of its jar beside it.
 */
public final class ColdStartBench {

    private static final Pattern RESULT = Pattern.compile("cold_init_ms=(\\d+).*classes_loaded=(\\d+)");
    private static final String FLOOR = "floor";
    private static final String DYNAMODB_FLOOR = "floor+DynamoDB";

    private ColdStartBench() {
    }

    private record Run(String target, boolean archive) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        Path template = LocalStackExtension.template();
        Map<String, FunctionProbes.Probe> functions = FunctionProbes.of(template);
        // the web-adapter functions: their run.sh starts a server, timed to its first answer on the readiness path
        Map<String, Map<String, String>> allServers = FunctionProbes.servers(template);
        Map<String, Map<String, String>> servers = new LinkedHashMap<>(allServers);
        List<String> chosen = args.length > 3 ? List.of(args).subList(3, args.length) : List.copyOf(functions.keySet());
        if (args.length > 3) {
            servers.keySet().retainAll(chosen);
        }
        Map<String, FunctionProbes.Probe> targets = new LinkedHashMap<>();
        String javaToolOptions = functions.values().iterator().next().environment().get("JAVA_TOOL_OPTIONS");
        Map<String, String> floors = new LinkedHashMap<>();
        floors.put(FLOOR, args[1]);
        floors.put(DYNAMODB_FLOOR, args[2]);
        floors.forEach((floor, jar) -> targets.put(floor, new FunctionProbes.Probe(floor, Path.of(jar),
                "io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction",
                Map.of("JAVA_TOOL_OPTIONS", javaToolOptions), new String[] {"http", "/openapi.json"})));
        for (String spec : chosen) {
            if (servers.containsKey(spec)) {
                continue;
            }
            // "Function=other.jar" measures another build of the function's jar beside this one's (before and after)
            String[] parts = spec.split("=", 2);
            FunctionProbes.Probe probe = functions.get(parts[0]);
            if (probe == null) {
                throw new IllegalArgumentException(parts[0] + " is not a function of the template: "
                        + functions.keySet() + " " + allServers.keySet());
            }
            if (parts.length == 1) {
                targets.put(parts[0], probe);
            } else {
                Path other = Path.of(parts[1]);
                targets.put(parts[0] + "@" + other.getFileName(), probe.withJar(other));
            }
        }
        Path archives = Files.createTempDirectory("athanor-cds");
        for (String target : targets.keySet()) {
            run(targets.get(target), "-XX:ArchiveClassesAtExit=" + archives.resolve(target + ".jsa"));
        }
        Map<Run, List<Long>> times = new LinkedHashMap<>();
        Map<Run, List<Double>> ratios = new LinkedHashMap<>();
        Map<Run, Long> classes = new LinkedHashMap<>();
        List<Run> runs = new ArrayList<>();
        for (String target : targets.keySet()) {
            runs.add(new Run(target, false));
            runs.add(new Run(target, true));
        }
        servers.keySet().forEach(server -> runs.add(new Run(server, false)));
        for (int round = 1; round <= rounds; round++) {
            List<Run> order = new ArrayList<>(runs);
            Collections.shuffle(order);
            Map<Run, Long> thisRound = new LinkedHashMap<>();
            for (Run run : order) {
                if (servers.containsKey(run.target())) {
                    thisRound.put(run, serve(template, run.target(), servers.get(run.target())));
                    continue;
                }
                long[] result = run(targets.get(run.target()),
                        run.archive() ? "-XX:SharedArchiveFile=" + archives.resolve(run.target() + ".jsa") : "");
                thisRound.put(run, result[0]);
                classes.put(run, result[1]);
            }
            thisRound.forEach((run, ms) -> {
                times.computeIfAbsent(run, r -> new ArrayList<>()).add(ms);
                double floor = thisRound.get(new Run(FLOOR, run.archive()));
                ratios.computeIfAbsent(run, r -> new ArrayList<>()).add(ms / floor);
            });
            System.out.println("round " + round + ": " + thisRound.entrySet().stream()
                    .map(e -> e.getKey().target() + (e.getKey().archive() ? "+cds" : "") + "=" + e.getValue())
                    .reduce((a, b) -> a + " " + b).orElse(""));
        }
        System.out.printf("%n| function | jar (MB) | classes loaded | median (ms) | runs (ms) | to the floor "
                + "| with AppCDS: median (ms) | runs (ms) | to the floor with AppCDS | archive (MB) |%n");
        System.out.printf("|---|---|---|---|---|---|---|---|---|---|%n");
        for (String target : targets.keySet()) {
            Run plain = new Run(target, false);
            Run archive = new Run(target, true);
            System.out.printf("| %s | %.1f | %,d | %d | %s | %.2f | %d | %s | %.2f | %.0f |%n", target,
                    Files.size(targets.get(target).jar()) / 1_048_576.0, classes.get(plain),
                    median(times.get(plain)), listed(times.get(plain)), median(ratios.get(plain)),
                    median(times.get(archive)), listed(times.get(archive)), median(ratios.get(archive)),
                    Files.size(archives.resolve(target + ".jsa")) / 1_048_576.0);
        }
        if (!servers.isEmpty()) {
            System.out.printf("%nBehind the web adapter (run.sh to the first answer on the readiness path):%n%n"
                    + "| function | median (ms) | runs (ms) | to the floor |%n|---|---|---|---|%n");
            for (String server : servers.keySet()) {
                Run run = new Run(server, false);
                System.out.printf("| %s | %d | %s | %.2f |%n", server, median(times.get(run)), listed(times.get(run)),
                        median(ratios.get(run)));
            }
        }
        System.out.printf("%n(%s %s, %d cores)%n", System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        try (var files = Files.list(archives)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(archives);
    }

    /** One start of a web-adapter function's server: milliseconds from its JVM's start to its first answer. */
    private static long serve(Path template, String function, Map<String, String> environment) throws Exception {
        try (WebAdapterPackage server = WebAdapterPackage.start(template, function, environment)) {
            int status = server.awaitReadiness(Duration.ofMillis(5));
            if (status != 200) {
                throw new IllegalStateException(function + " did not become ready:\n" + server.log());
            }
            return server.millisSinceStart();
        }
    }

    /** One cold start with {@code options} added to the function's JAVA_TOOL_OPTIONS: milliseconds, classes loaded. */
    private static long[] run(FunctionProbes.Probe probe, String options) {
        ColdStart.Result result = ColdStart.run(probe.jar(), probe.handler(), probe.environment(options, Map.of()),
                probe.event());
        Matcher matcher = RESULT.matcher(result.output());
        if (result.exitCode() != 0 || !matcher.find()) {
            throw new IllegalStateException(probe.function() + " did not answer:\n" + result.output());
        }
        return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
    }

    private static String listed(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static <T extends Comparable<T>> T median(List<T> values) {
        List<T> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2);
    }
}
