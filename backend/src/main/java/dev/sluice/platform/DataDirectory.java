package dev.sluice.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.PropertyResolver;
import org.springframework.stereotype.Component;

/** The directory where an embedded-default instance keeps its database, broker store and keys. */
@Component
public class DataDirectory {

    private final Path root;

    public DataDirectory(@Value("${" + EmbeddedDefaults.DATA_DIR + "}") Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The data directory the settings name, for what runs before beans are made. */
    public static DataDirectory of(PropertyResolver settings) {
        return new DataDirectory(Path.of(settings.getRequiredProperty(EmbeddedDefaults.DATA_DIR)));
    }

    /** The sub-directory {@code name}, created if missing. */
    public Path resolve(String name) {
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir + " under the data directory", e);
        }
        return dir;
    }

    /**
     * The text of {@code directory/file}, written from {@code fresh} on first use. The directory and the file are
     * for this process's owner only (rwx------, rw-------), so other users of the machine cannot read what is in
     * them; a file that two starts create at once is written by one of them, and both read the same text.
     *
     * @throws IllegalStateException when the file system cannot restrict a file to its owner
     */
    public String readOrCreatePrivate(String directory, String file, Supplier<String> fresh) {
        Path dir = resolve(directory);
        Path target = dir.resolve(file);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            if (!Files.exists(target)) {
                Path written = Files.createTempFile(dir, file, ".new",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.writeString(written, fresh.get(), StandardCharsets.US_ASCII);
                    Files.move(written, target);
                } catch (FileAlreadyExistsException raced) {
                    // another start wrote it first: use theirs
                } finally {
                    Files.deleteIfExists(written);
                }
            }
            return Files.readString(target, StandardCharsets.US_ASCII);
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("cannot restrict " + target + " to its owner on this file system", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + target, e);
        }
    }

    public Path root() {
        return root;
    }
}
