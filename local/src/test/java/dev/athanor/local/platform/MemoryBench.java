package dev.athanor.local.platform;

import dev.athanor.testkit.ColdStart;
import dev.athanor.testkit.LocalStackExtension;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak resident memory of every function Lambda invokes directly (bench/memory.sh runs it): each jar alone in a fresh
 * JVM sized as a Lambda instance of {@code memory} MB (the JVM's ergonomics under {@code -XX:MaxRAM}: its heap, its
 * collector), its template environment, its handler built as Lambda builds it, then its probe event (see
 * {@link dev.athanor.testkit.ColdStartProbe}) sent by {@code callers} threads for {@code seconds}. A Lambda instance
 * serves one event at a time, so 64 callers is an upper bound on what one instance meets.
 * <p>
 * Arguments: memory (MB), callers, seconds, then optionally the functions (logical ids; all by default).
 */
public final class MemoryBench {

    private static final Pattern RESULT = Pattern.compile(
            "answered=(\\d+) unexpected=(\\d+) peak_rss_mb=(\\d+) heap_max_mb=(\\d+)");

    private MemoryBench() {
    }

    public static void main(String[] args) {
        int memory = Integer.parseInt(args[0]);
        int callers = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Map<String, FunctionProbes.Probe> functions = FunctionProbes.of(LocalStackExtension.template());
        Iterable<String> chosen = args.length > 3 ? java.util.List.of(args).subList(3, args.length) : functions.keySet();
        System.out.printf("| function | peak RSS (MB) | events answered a second | heap max (MB) |%n|---|---|---|---|%n");
        for (String function : chosen) {
            FunctionProbes.Probe probe = functions.get(function);
            ColdStart.Result result = ColdStart.run(probe.jar(), probe.handler(), probe.environment(
                    "-XX:MaxRAM=" + memory + "m", Map.of("PROBE_LOAD", callers + "x" + seconds)), probe.event());
            Matcher matcher = RESULT.matcher(result.output());
            if (result.exitCode() != 0 || !matcher.find()) {
                throw new IllegalStateException(function + " failed under load:\n" + result.output());
            }
            System.out.printf("| %s | %s | %,d | %s |%n", function, matcher.group(3),
                    Long.parseLong(matcher.group(1)) / seconds, matcher.group(4));
        }
        System.out.printf("%n(%d MB as the JVM's RAM, %d callers for %d s; %s %s, %d cores)%n", memory, callers, seconds,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
    }
}
