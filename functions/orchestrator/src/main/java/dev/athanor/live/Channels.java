package dev.athanor.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The channels of a team: {@code global} (every event of the team), {@code project_<id>} (the project's and its
 * tasks' events) and {@code task_<id>} (one task's). The socket paths {@code /ws}, {@code /ws/project/{id}} and
 * {@code /ws/task/{id}} open a connection on the matching channel. Behind API Gateway each connection also listens on
 * a private {@code connection_<connection id>} channel, which only the server publishes to and no client can name.
 */
public final class Channels {

    public static final String GLOBAL = "global";
    static final String PROJECT = "project_";
    static final String TASK = "task_";
    /** The prefix of a connection's private channel; counts of who listens where leave these channels out. */
    public static final String CONNECTION = "connection_";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private Channels() {
    }

    public static String project(String id) {
        return PROJECT + id;
    }

    public static String task(String id) {
        return TASK + id;
    }

    /** The private channel of one connection (its {@code connection_status} goes there in the cloud). */
    public static String connection(String connectionId) {
        return CONNECTION + connectionId;
    }

    /** Where an event of a task (or, with no task, of a project; with neither, of the team) is heard. */
    public static List<String> of(String projectId, String taskId) {
        List<String> channels = new ArrayList<>(List.of(GLOBAL));
        if (projectId != null) {
            channels.add(project(projectId));
        }
        if (taskId != null) {
            channels.add(task(taskId));
        }
        return channels;
    }

    /** The channel a socket path opens on, or empty for a path that is not a socket's. */
    public static Optional<String> ofPath(String path) {
        String p = path == null ? "" : path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (p.equals("/ws") || p.isEmpty() || p.equals("/")) {
            return Optional.of(GLOBAL);
        }
        if (p.startsWith("/ws/project/")) {
            return Optional.of(project(p.substring("/ws/project/".length())));
        }
        if (p.startsWith("/ws/task/")) {
            return Optional.of(task(p.substring("/ws/task/".length())));
        }
        return Optional.empty();
    }

    /** A channel name parsed: what it names, if it is well-formed. */
    record Parsed(String kind, String id) {
    }

    static Optional<Parsed> parse(String channel) {
        if (GLOBAL.equals(channel)) {
            return Optional.of(new Parsed(GLOBAL, null));
        }
        for (String kind : List.of(PROJECT, TASK)) {
            if (channel != null && channel.startsWith(kind) && isId(channel.substring(kind.length()))) {
                return Optional.of(new Parsed(kind, channel.substring(kind.length())));
            }
        }
        return Optional.empty();
    }

    private static boolean isId(String id) {
        return ID.matcher(id).matches();
    }
}
