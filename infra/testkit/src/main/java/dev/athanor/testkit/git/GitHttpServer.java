package dev.athanor.testkit.git;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.ServiceNotEnabledException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Git server over HTTP: jgit's smart-HTTP servlet on Jetty, serving bare repositories from a temporary folder
 * at {@code http://127.0.0.1:<port>/<path>.git}, with Basic authentication as the Git hosts ask for it over https.
 * <p>
 * {@link #user} registers an account and its token (Basic username and password); {@link #grant} gives a token read
 * or push rights on one repository. No or wrong credentials are answered 401 with a challenge, a repository the token
 * has no grant for is answered 404 (as hosts hide private repositories), a push without the push right 403.
 */
public final class GitHttpServer implements AutoCloseable {

    private static final long GATE_SECONDS = 30;

    private final Path root;
    private final GitAccess access = new GitAccess();
    private final BareRepositories repositories;
    private final Map<String, CountDownLatch> pushGates = new ConcurrentHashMap<>();
    private final Server server;
    private final int port;
    private boolean stopped;

    private GitHttpServer(Path root) throws Exception {
        this.root = root;
        this.repositories = new BareRepositories(root);
        GitServlet git = new GitServlet();
        git.setRepositoryResolver(this::open);
        git.setReceivePackFactory(this::receivePack);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new BasicAuthFilter(access)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(git), "/*");
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    /** Starts a server with no repositories and no users on a free port. */
    public static GitHttpServer start() {
        try {
            return new GitHttpServer(Files.createTempDirectory("athanor-git-server").toRealPath());
        } catch (Exception e) {
            throw new IllegalStateException("The Git server did not start", e);
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** What Git clones: {@code http://127.0.0.1:<port>/acme/prompts.git}. */
    public String cloneUrl(String repoPath) {
        return baseUrl() + "/" + normalise(repoPath) + ".git";
    }

    public GitHttpServer user(String name, String token) {
        access.user(name, token);
        return this;
    }

    /** Lets the token read the repository, and push to it when {@code push}. */
    public GitHttpServer grant(String token, String repoPath, boolean push) {
        access.grant(token, repoPath, push);
        return this;
    }

    /** Refuses pushes to the branch as a protected branch's are, with GitHub's message. */
    public GitHttpServer protect(String repoPath, String branch) {
        access.protect(repoPath, branch);
        return this;
    }

    /**
     * Makes the next {@code pushes} pushes to the repository wait for one another after their packs arrived and before
     * any branch moves, so that they all start from the same heads (as racing writers do).
     */
    public GitHttpServer holdPushesTogether(String repoPath, int pushes) {
        pushGates.put(normalise(repoPath), new CountDownLatch(pushes));
        return this;
    }

    /** A bare repository whose HEAD names {@code defaultBranch}; with a first commit holding a README.md, or empty. */
    public void createRepository(String repoPath, String defaultBranch, boolean withInitialCommit) {
        repositories.create(repoPath, defaultBranch);
        if (withInitialCommit) {
            repositories.commitFile(repoPath, defaultBranch, "README.md", "# " + normalise(repoPath) + "\n",
                    "Initial commit");
        }
    }

    /**
     * Commits one file (or its deletion, when {@code content} is null) on a branch, as another writer's push would;
     * creates the branch when it does not exist. The new commit's sha.
     */
    public String commitFile(String repoPath, String branch, String file, String content, String message) {
        return repositories.commitFile(repoPath, branch, file, content, message);
    }

    /** A file's content at a branch, tag or commit, or null when it is not there. */
    public String readFile(String repoPath, String ref, String file) {
        return repositories.readFile(repoPath, ref, file);
    }

    /** The repository's branches, by short name, sorted. */
    public List<String> branches(String repoPath) {
        return repositories.branches(repoPath);
    }

    /** The commit a branch, tag or expression names, or null. */
    public String resolve(String repoPath, String ref) {
        return repositories.resolveOrNull(repoPath, ref);
    }

    /** Merges a branch into another as a host merges a pull request (a fast-forward when it can); the target's head. */
    public String merge(String repoPath, String sourceBranch, String targetBranch) {
        return repositories.merge(repoPath, sourceBranch, targetBranch);
    }

    /** An annotated tag on a branch head or commit, by the outside writer at {@code when}. */
    public void annotatedTag(String repoPath, String name, String ref, String message, Instant when) {
        repositories.tag(repoPath, name, ref, message, when);
    }

    /** A lightweight tag (a bare ref, no message nor date). */
    public void lightweightTag(String repoPath, String name, String ref) {
        repositories.tag(repoPath, name, ref, null, null);
    }

    /** Stops answering: later connections are refused. The repositories stay until {@link #close()}. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The Git server did not stop", e);
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A repository path without slashes around it nor {@code .git}. */
    static String normalise(String repoPath) {
        String path = repoPath.strip();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.endsWith(".git") ? path.substring(0, path.length() - 4) : path;
    }

    private Repository open(HttpServletRequest request, String name)
            throws org.eclipse.jgit.errors.RepositoryNotFoundException {
        String token = (String) request.getAttribute(BasicAuthFilter.TOKEN_ATTRIBUTE);
        if (token == null || access.right(token, name).isEmpty()) {
            throw new org.eclipse.jgit.errors.RepositoryNotFoundException(name);
        }
        return repositories.open(normalise(name));
    }

    private ReceivePack receivePack(HttpServletRequest request, Repository repository)
            throws ServiceNotEnabledException {
        String token = (String) request.getAttribute(BasicAuthFilter.TOKEN_ATTRIBUTE);
        String path = normalise(root.relativize(repository.getDirectory().toPath()).toString().replace('\\', '/'));
        if (access.right(token, path).orElse(null) != GitAccess.Right.PUSH) {
            throw new ServiceNotEnabledException("Permission to " + path + " denied");
        }
        ReceivePack pack = new ReceivePack(repository);
        pack.setPreReceiveHook((receiving, commands) -> {
            for (ReceiveCommand command : commands) {
                if (access.isProtected(path, command.getRefName())) {
                    command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "protected branch hook declined");
                }
            }
            awaitOthers(path);
        });
        return pack;
    }

    private void awaitOthers(String path) {
        CountDownLatch gate = pushGates.get(path);
        if (gate == null || gate.getCount() == 0) {
            return;
        }
        gate.countDown();
        try {
            if (!gate.await(GATE_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The pushes held together for " + path + " did not all arrive");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
