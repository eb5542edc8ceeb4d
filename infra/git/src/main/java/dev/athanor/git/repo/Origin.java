package dev.athanor.git.repo;

import io.micronaut.core.annotation.Nullable;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The working copy's remote, reached with the caller's credentials for each call: listing its refs, fetching the
 * default branch (shallow) and pushing one branch. The credentials live only in the provider, never in the config.
 */
final class Origin {

    static final String NAME = Constants.DEFAULT_REMOTE_NAME;

    private final Repository repository;
    private final CredentialsProvider credentials;
    private final int timeoutSeconds;
    private final int depth;
    private final GitFailures failures;

    Origin(Repository repository, CredentialsProvider credentials, int timeoutSeconds, int depth,
           GitFailures failures) {
        this.repository = repository;
        this.credentials = credentials;
        this.timeoutSeconds = timeoutSeconds;
        this.depth = depth;
        this.failures = failures;
    }

    static String trackingRef(String branch) {
        return Constants.R_REMOTES + NAME + "/" + branch;
    }

    /** The remote's HEAD, branches and tags (ls-remote). */
    RemoteState list() {
        List<RefSpec> wanted = List.of(new RefSpec(Constants.R_HEADS + "*:" + Constants.R_HEADS + "*"),
                new RefSpec(Constants.R_TAGS + "*:" + Constants.R_TAGS + "*"));
        try (Transport transport = open(); FetchConnection connection = transport.openFetch(wanted, Constants.HEAD)) {
            Map<String, Ref> refs = Map.copyOf(connection.getRefsMap());
            String branch = defaultBranch(refs);
            Ref head = refs.get(Constants.R_HEADS + branch);
            return new RemoteState(branch, head == null ? null : head.getObjectId(), refs);
        } catch (NotSupportedException | TransportException e) {
            throw failures.remote(e);
        }
    }

    /** Fetches the branch's last {@code depth} commits (and the tags on them) into its tracking ref; its head. */
    ObjectId fetch(String branch) {
        String tracking = trackingRef(branch);
        try (Transport transport = open()) {
            transport.setDepth(depth);
            transport.setTagOpt(TagOpt.AUTO_FOLLOW);
            transport.fetch(NullProgressMonitor.INSTANCE,
                    List.of(new RefSpec("+" + Constants.R_HEADS + branch + ":" + tracking)));
        } catch (NotSupportedException | TransportException e) {
            throw failures.remote(e);
        }
        try {
            Ref fetched = repository.exactRef(tracking);
            if (fetched == null) {
                throw failures.local(new IllegalStateException("the fetch of " + branch + " left no " + tracking));
            }
            return fetched.getObjectId();
        } catch (IOException e) {
            throw failures.local(e);
        }
    }

    /**
     * Pushes a commit to a branch only if the branch is still at {@code expectedOld} ({@code zeroId}: it must not
     * exist yet), never forced; on success the local {@code tracking} ref (when given) follows. A {@code null}
     * commit deletes the branch.
     */
    PushOutcome push(@Nullable ObjectId commit, String branch, ObjectId expectedOld, @Nullable String tracking) {
        String remoteRef = Constants.R_HEADS + branch;
        RemoteRefUpdate update;
        try {
            update = new RemoteRefUpdate(repository, commit == null ? null : commit.name(), remoteRef, false, tracking,
                    expectedOld);
        } catch (IOException e) {
            throw failures.local(e);
        }
        try (Transport transport = open()) {
            PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
            RemoteRefUpdate done = Objects.requireNonNullElse(result.getRemoteUpdate(remoteRef), update);
            String message = done.getMessage();
            String remoteMessages = result.getMessages();
            if (remoteMessages != null && !remoteMessages.isBlank()) {
                message = (message == null || message.isBlank() ? "" : message + "; ") + remoteMessages.strip();
            }
            return new PushOutcome(done.getStatus(), message);
        } catch (NotSupportedException | TransportException e) {
            throw failures.remote(e);
        }
    }

    private Transport open() throws NotSupportedException, TransportException {
        Transport transport;
        try {
            transport = Transport.open(repository, NAME);
        } catch (URISyntaxException e) {
            throw failures.local(e);
        }
        transport.setCredentialsProvider(credentials);
        transport.setTimeout(timeoutSeconds);
        return transport;
    }

    /**
     * The branch the remote's HEAD names. Hosts say so (a symbolic HEAD); when one does not, the branch at HEAD's
     * commit, {@code main} or {@code master} first; an empty repository's is {@code main}.
     */
    static String defaultBranch(Map<String, Ref> refs) {
        Ref head = refs.get(Constants.HEAD);
        if (head != null && head.isSymbolic() && head.getTarget().getName().startsWith(Constants.R_HEADS)) {
            return Repository.shortenRefName(head.getTarget().getName());
        }
        List<String> candidates = refs.values().stream()
                .filter(ref -> ref.getName().startsWith(Constants.R_HEADS))
                .filter(ref -> head == null || head.getObjectId() == null
                        || head.getObjectId().equals(ref.getObjectId()))
                .map(ref -> Repository.shortenRefName(ref.getName()))
                .sorted()
                .toList();
        for (String usual : List.of("main", "master")) {
            if (candidates.contains(usual)) {
                return usual;
            }
        }
        return candidates.isEmpty() ? "main" : candidates.get(0);
    }
}
