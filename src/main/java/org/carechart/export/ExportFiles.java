package org.carechart.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where export files live: a local directory ({@code carechart.export.dir}, by default
 * {@code <work dir>/export}), one folder per job, one NDJSON file per resource type. Blocking file
 * calls; the worker runs them off the event loop. Object storage would implement the same four
 * operations (append a part at an offset, truncate to a checkpoint, stream out, delete the job):
 * see docs/export.md.
 */
@ApplicationScoped
public class ExportFiles {

    @Inject
    ExportConfig config;

    Path root() {
        return config.dir().map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("carechart.work.dir", ".carechart"), "export"))
                .toAbsolutePath();
    }

    Path file(UUID jobId, String fileName) {
        if (!fileName.matches("[A-Za-z]{1,64}\\.ndjson")) {
            throw new IllegalArgumentException("bad file name");
        }
        return root().resolve(jobId.toString()).resolve(fileName);
    }

    /** Appends bytes at {@code offset} (the committed length; anything after it, from a crashed run, is cut first). */
    void write(UUID jobId, String fileName, long offset, byte[] bytes) {
        Path path = file(jobId, fileName);
        try {
            Files.createDirectories(path.getParent());
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                if (channel.size() != offset) {
                    channel.truncate(offset);
                }
                channel.position(offset);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts a file back to its committed length (a resumed job, before it writes on). */
    void truncate(UUID jobId, String fileName, long length) {
        Path path = file(jobId, fileName);
        try {
            if (Files.exists(path)) {
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    if (channel.size() > length) {
                        channel.truncate(length);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteJob(UUID jobId) {
        Path dir = root().resolve(jobId.toString());
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
