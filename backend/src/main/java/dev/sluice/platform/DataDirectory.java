package dev.sluice.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The directory where an embedded-default instance keeps its database, broker store and keys. */
@Component
public class DataDirectory {

    private final Path root;

    public DataDirectory(@Value("${" + EmbeddedDefaults.DATA_DIR + "}") Path root) {
        this.root = root.toAbsolutePath().normalize();
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

    public Path root() {
        return root;
    }
}
