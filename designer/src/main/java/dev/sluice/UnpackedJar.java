package dev.sluice;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;

/**
 * This jar unpacked into a directory of its own, once per build: {@code sluice.jar} (the application's classes, its
 * manifest naming the main class and {@code lib/} on its class path), {@code lib/} (the dependencies, in the order of
 * the jar's class path index) and {@code jvmci/} (the Graal compiler). Started from there, the JVM finds classes
 * with its own class loader instead of searching some 250 jars nested in one (a third of start-up's main thread).
 *
 * <p>A build's directory is named by the jar's size and time, made under a temporary name and renamed when complete,
 * so a directory by that name is whole and two starts at once do not mix their files. A process using one holds a
 * shared lock on {@code <build>.lock} while it runs ({@link Build#close()} releases it); a start removes the other
 * builds that no process holds, so rebuilding the jar does not pile up copies. Owner-only, as the code in it runs.
 */
final class UnpackedJar {

    static final String APPLICATION_JAR = "sluice.jar";
    static final String COMPILER_DIRECTORY = "jvmci";
    private static final String CLASSES = "BOOT-INF/classes/";
    private static final String LIB = "BOOT-INF/lib/";
    private static final String CLASSPATH_INDEX = "BOOT-INF/classpath.idx";
    private static final String COMPILER_ENTRIES = CLASSES + COMPILER_DIRECTORY + "/";
    /** Left by a start that stopped half-way; younger ones may still be being written. */
    private static final Duration ABANDONED = Duration.ofHours(1);

    private UnpackedJar() {
    }

    /** A build of the jar unpacked and held by this process until closed. */
    record Build(Path directory, FileChannel lockFile) implements AutoCloseable {

        Path applicationJar() {
            return directory.resolve(APPLICATION_JAR);
        }

        Path compiler() {
            return directory.resolve(COMPILER_DIRECTORY);
        }

        @Override
        public void close() throws IOException {
            lockFile.close();
        }
    }

    /**
     * The jar's build unpacked under {@code root} (unpacked now when it is not there yet), held by this process;
     * other builds under {@code root} that no process holds are removed.
     */
    static Build unpack(Path jar, Path root) throws IOException {
        Files.createDirectories(root);
        ownerOnly(root);
        String name = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
        FileChannel lockFile = FileChannel.open(root.resolve(name + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            lockFile.lock(0, Long.MAX_VALUE, true); // released when the channel closes
            Path directory = root.resolve(name);
            if (!Files.isRegularFile(directory.resolve(APPLICATION_JAR))) {
                Path partial = Files.createTempDirectory(root, "." + name + "-");
                ownerOnly(partial);
                writeInto(jar, partial);
                try {
                    Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                    delete(partial); // another start unpacked the same build meanwhile
                }
            }
            removeUnheld(root, name);
            return new Build(directory, lockFile);
        } catch (IOException | RuntimeException e) {
            lockFile.close();
            throw e;
        }
    }

    private static void writeInto(Path jar, Path directory) throws IOException {
        try (JarFile fat = new JarFile(jar.toFile(), false)) {
            Path lib = Files.createDirectory(directory.resolve("lib"));
            Path compiler = Files.createDirectory(directory.resolve(COMPILER_DIRECTORY));
            List<String> classPath = new ArrayList<>();
            for (String entry : libraries(fat)) {
                String file = entry.substring(LIB.length());
                copy(fat, fat.getJarEntry(entry), lib.resolve(file));
                classPath.add("lib/" + file);
            }
            Manifest manifest = applicationManifest(fat.getManifest(), classPath);
            try (JarOutputStream application = new JarOutputStream(
                    Files.newOutputStream(directory.resolve(APPLICATION_JAR)), manifest)) {
                // half the unpacking time of the default level, for a tenth more bytes
                application.setLevel(Deflater.BEST_SPEED);
                Set<String> written = new HashSet<>();
                for (JarEntry entry : fat.stream().toList()) {
                    String path = entry.getName();
                    if (path.startsWith(COMPILER_ENTRIES)) {
                        if (!entry.isDirectory()) {
                            copy(fat, entry, compiler.resolve(path.substring(COMPILER_ENTRIES.length())));
                        }
                        continue;
                    }
                    String name = applicationEntry(path);
                    if (name != null && written.add(name)) {
                        application.putNextEntry(new ZipEntry(name));
                        try (InputStream in = fat.getInputStream(entry)) {
                            in.transferTo(application);
                        }
                        application.closeEntry();
                    }
                }
            }
        }
    }

    /**
     * Where an entry of the jar goes in the application's jar, or null when it stays out: the classes and resources
     * (those the build put at the jar's root too, the web bundle among them), not the nested jars, the jar's own
     * launcher, its manifest or the file system provider that launcher registers.
     */
    private static String applicationEntry(String path) {
        if (path.startsWith(CLASSES)) {
            return path.length() > CLASSES.length() ? path.substring(CLASSES.length()) : null;
        }
        boolean launcher = path.startsWith("BOOT-INF/") || path.startsWith("org/springframework/boot/loader/")
                || path.equals(JarFile.MANIFEST_NAME)
                || path.equals("META-INF/services/java.nio.file.spi.FileSystemProvider");
        return launcher ? null : path;
    }

    /** The nested jars in the class path index's order (the order the jar's own launcher uses), then any others. */
    private static List<String> libraries(JarFile fat) throws IOException {
        List<String> libraries = new ArrayList<>();
        ZipEntry index = fat.getEntry(CLASSPATH_INDEX);
        if (index != null) {
            try (InputStream in = fat.getInputStream(index)) {
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    String entry = line.strip().replaceFirst("^- \"(.*)\"$", "$1");
                    if (entry.startsWith(LIB) && fat.getEntry(entry) != null) {
                        libraries.add(entry);
                    }
                }
            }
        }
        fat.stream().map(ZipEntry::getName)
                .filter(name -> name.startsWith(LIB) && name.endsWith(".jar") && name.indexOf('/', LIB.length()) < 0)
                .filter(name -> !libraries.contains(name))
                .forEach(libraries::add);
        return libraries;
    }

    /** The jar's own manifest (title, version, native access) starting its start class with {@code lib/}. */
    private static Manifest applicationManifest(Manifest fat, List<String> classPath) {
        Manifest manifest = new Manifest(fat);
        Attributes main = manifest.getMainAttributes();
        String startClass = main.getValue("Start-Class");
        if (startClass == null) {
            throw new IllegalStateException("the jar names no Start-Class");
        }
        main.keySet().removeIf(key -> key.toString().startsWith("Spring-Boot-")
                || key.toString().equals("Start-Class"));
        main.put(Attributes.Name.MAIN_CLASS, startClass);
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        manifest.getEntries().clear();
        return manifest;
    }

    private static void copy(JarFile fat, ZipEntry entry, Path target) throws IOException {
        try (InputStream in = fat.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
    }

    /**
     * Removes the other builds no process holds, and partial ones abandoned long ago. Best effort: what cannot be
     * removed now is tried again by the next start.
     */
    private static void removeUnheld(Path root, String current) throws IOException {
        List<Path> others;
        try (Stream<Path> children = Files.list(root)) {
            others = children.toList();
        }
        Instant abandoned = Instant.now().minus(ABANDONED);
        Set<String> seen = new HashSet<>();
        for (Path other : others) {
            String name = other.getFileName().toString();
            String build = name.replaceFirst("\\.lock$", "");
            try {
                if (name.startsWith(".")) {
                    if (Files.getLastModifiedTime(other).compareTo(FileTime.from(abandoned)) < 0) {
                        delete(other);
                    }
                } else if (!build.equals(current) && build.matches("\\d+-\\d+") && seen.add(build)) {
                    removeIfUnheld(root, build);
                }
            } catch (IOException | UncheckedIOException e) {
                // left for the next start
            }
        }
    }

    private static void removeIfUnheld(Path root, String build) throws IOException {
        try (FileChannel lockFile = FileChannel.open(root.resolve(build + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException e) {
                return; // held by this very process
            }
            if (lock == null) {
                return;
            }
            delete(root.resolve(build));
            Files.deleteIfExists(root.resolve(build + ".lock"));
        }
    }

    static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void ownerOnly(Path directory) throws IOException {
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access rules apply
        }
    }
}
