package dev.athanor.factory.jobs;

import dev.athanor.model.TeamId;
import dev.athanor.model.artifacts.ArtifactStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs a job's {@code source/} and {@code docs/} into {@code <slug>/...} entries of one ZIP, stored next to them.
 * Entries carry a fixed time, so exporting the same files twice gives the same bytes.
 */
@Singleton
@Requires(beans = ArtifactStore.class)
public class ZipExport {

    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private final ArtifactStore artifacts;

    public ZipExport(ArtifactStore artifacts) {
        this.artifacts = artifacts;
    }

    /** @return the number of files packed */
    public int export(TeamId team, String slug) {
        String prefix = FactoryPipeline.jobPrefix(slug);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int count = 0;
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String root : new String[]{"source/", "docs/"}) {
                for (ArtifactStore.Entry entry : artifacts.list(team, prefix + root)) {
                    byte[] content = artifacts.get(team, entry.path()).orElse(null);
                    if (content == null) {
                        continue;
                    }
                    ZipEntry zipEntry = new ZipEntry(slug + "/" + entry.path().substring(prefix.length()));
                    zipEntry.setLastModifiedTime(EPOCH);
                    zip.putNextEntry(zipEntry);
                    zip.write(content);
                    zip.closeEntry();
                    count++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        artifacts.put(team, FactoryPipeline.zipPath(slug), bytes.toByteArray(), "application/zip");
        return count;
    }
}
