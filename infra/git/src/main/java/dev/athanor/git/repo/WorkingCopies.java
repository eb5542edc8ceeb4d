package dev.athanor.git.repo;

import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitRepo;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The working copies on local disk: one folder per identity and repository, named by a hash of (platform, server,
 * username, clone URL) so that neither names nor the token show in it. One call at a time works in a folder; the
 * locks are per process, as is the workspace.
 */
final class WorkingCopies {

    private static final Logger LOG = LoggerFactory.getLogger(WorkingCopies.class);

    /** Per folder, for every instance in the process: two instances on one workspace must not interleave either. */
    private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    /** Lock files a call killed half-way leaves; only this process works in the folder, under its lock. */
    private static final List<String> STALE_LOCKS = List.of("index.lock", "HEAD.lock", "config.lock",
            "shallow.lock", "packed-refs.lock", "ORIG_HEAD.lock");

    private final Path workspace;
    private final Duration timeout;
    private final int depth;

    WorkingCopies(Path workspace, Duration timeout, int depth) {
        this.workspace = workspace.toAbsolutePath().normalize();
        this.timeout = timeout;
        this.depth = depth;
    }

    /**
     * Runs the work on the identity's working copy of the repository, made (empty, with its remote) when there is
     * none yet. A copy made for this call is removed again when the work fails before it first synced.
     */
    <T> T with(GitCredentials credentials, GitRepo repo, Function<WorkingCopy, T> work) {
        Path folder = folder(credentials, repo);
        ReentrantLock lock = LOCKS.computeIfAbsent(folder, f -> new ReentrantLock());
        lock.lock();
        try {
            GitFailures failures = failures(credentials, repo);
            boolean fresh = !Files.isDirectory(folder.resolve(Constants.DOT_GIT));
            Git git = fresh ? create(folder, repo, failures) : open(folder, repo, failures);
            WorkingCopy copy = new WorkingCopy(git, origin(git, credentials, failures), failures);
            try (copy) {
                return work.apply(copy);
            } catch (RuntimeException e) {
                if (fresh && !copy.synced()) {
                    delete(folder);
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs the work on the working copy when there is one, without touching the remote; else {@code absent}. */
    <T> T ifPresent(GitCredentials credentials, GitRepo repo, Function<WorkingCopy, T> work, Supplier<T> absent) {
        Path folder = folder(credentials, repo);
        ReentrantLock lock = LOCKS.computeIfAbsent(folder, f -> new ReentrantLock());
        lock.lock();
        try {
            if (!Files.isDirectory(folder.resolve(Constants.DOT_GIT))) {
                return absent.get();
            }
            GitFailures failures = failures(credentials, repo);
            Git git = open(folder, repo, failures);
            try (WorkingCopy copy = new WorkingCopy(git, origin(git, credentials, failures), failures)) {
                return work.apply(copy);
            }
        } finally {
            lock.unlock();
        }
    }

    Path folder(GitCredentials credentials, GitRepo repo) {
        String identity = String.join("\n", credentials.platform().wireName(),
                credentials.serverUrl() == null ? "" : credentials.serverUrl(), credentials.username(),
                repo.cloneUrl());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return workspace.resolve(HexFormat.of().formatHex(hash, 0, 20));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private GitFailures failures(GitCredentials credentials, GitRepo repo) {
        return new GitFailures(repo, credentials.token(), timeout);
    }

    private Origin origin(Git git, GitCredentials credentials, GitFailures failures) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        return new Origin(git.getRepository(),
                new UsernamePasswordCredentialsProvider(credentials.username(), credentials.token()),
                seconds, depth, failures);
    }

    /** An empty repository whose only remote is the clone URL, without credentials. */
    private Git create(Path folder, GitRepo repo, GitFailures failures) {
        try {
            Files.createDirectories(folder);
            Git git = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call();
            StoredConfig config = git.getRepository().getConfig();
            config.setString(ConfigConstants.CONFIG_REMOTE_SECTION, Origin.NAME, ConfigConstants.CONFIG_KEY_URL,
                    repo.cloneUrl());
            // files go in and out byte for byte, whatever the machine's global Git settings say
            config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, false);
            config.setBoolean(ConfigConstants.CONFIG_COMMIT_SECTION, null, ConfigConstants.CONFIG_KEY_GPGSIGN, false);
            config.save();
            return git;
        } catch (Exception e) {
            delete(folder);
            throw failures.local(e);
        }
    }

    /** The existing copy; one that no longer opens (a crash while it was written) is made anew. */
    private Git open(Path folder, GitRepo repo, GitFailures failures) {
        Path dotGit = folder.resolve(Constants.DOT_GIT);
        for (String stale : STALE_LOCKS) {
            try {
                Files.deleteIfExists(dotGit.resolve(stale));
            } catch (IOException e) {
                throw failures.local(e);
            }
        }
        deleteStaleRefLocks(dotGit.resolve("refs"));
        try {
            return Git.open(folder.toFile());
        } catch (IOException e) {
            LOG.warn("The working copy of {} does not open, making it anew: {}", repo.path(), e.getMessage());
            delete(folder);
            return create(folder, repo, failures);
        }
    }

    private static void deleteStaleRefLocks(Path refs) {
        if (!Files.isDirectory(refs)) {
            return;
        }
        try (Stream<Path> files = Files.walk(refs)) {
            for (Path lock : files.filter(f -> f.getFileName().toString().endsWith(".lock")).toList()) {
                Files.deleteIfExists(lock);
            }
        } catch (IOException e) {
            LOG.warn("Stale ref locks under {} stay: {}", refs, e.getMessage());
        }
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("The working copy at {} could not be removed: {}", folder, e.getMessage());
        }
    }
}
