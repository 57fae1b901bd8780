package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackedJarTest {

    @TempDir
    Path temp;

    @Test
    void theApplicationJarStartsTheStartClassWithTheLibrariesInTheIndexsOrder() throws IOException {
        Path jar = bootJar("1.2.3");

        try (UnpackedJar.Build build = UnpackedJar.unpack(jar, temp.resolve("cache"))) {
            try (JarFile application = new JarFile(build.applicationJar().toFile())) {
                Attributes main = application.getManifest().getMainAttributes();
                assertThat(main.getValue("Main-Class")).isEqualTo("example.Main");
                assertThat(main.getValue("Class-Path")).isEqualTo("lib/second.jar lib/first.jar lib/unindexed.jar");
                assertThat(main.getValue("Implementation-Version")).isEqualTo("1.2.3");
                assertThat(main.keySet()).map(Object::toString)
                        .noneMatch(name -> name.startsWith("Spring-Boot-") || name.equals("Start-Class"));
                assertThat(application.stream().map(ZipEntry::getName))
                        .contains("example/Main.class", "demo/flow.json", "META-INF/resources/styles.css")
                        .noneMatch(name -> name.startsWith("BOOT-INF/") || name.startsWith("jvmci/")
                                || name.startsWith("org/springframework/boot/loader/")
                                || name.equals("META-INF/services/java.nio.file.spi.FileSystemProvider"));
            }
            assertThat(build.directory().resolve("lib/first.jar")).hasContent("first");
            assertThat(build.compiler().resolve("compiler.jar")).hasContent("compiler");
            assertThat(Files.getPosixFilePermissions(build.directory()))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(temp.resolve("cache")))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aBuildIsUnpackedOnceAndTheNextStartRunsFromTheSameFiles() throws IOException {
        Path jar = bootJar("1");
        Path unpacked;
        try (UnpackedJar.Build first = UnpackedJar.unpack(jar, temp.resolve("cache"))) {
            unpacked = first.directory();
            Files.writeString(unpacked.resolve("marker"), "left by the first start");
        }

        try (UnpackedJar.Build second = UnpackedJar.unpack(jar, temp.resolve("cache"))) {
            assertThat(second.directory()).isEqualTo(unpacked);
            assertThat(unpacked.resolve("marker")).exists();
        }
    }

    @Test
    void aNewBuildRemovesEarlierOnesOnceNoProcessRunsFromThem() throws IOException {
        Path jar = bootJar("1");
        Path cache = temp.resolve("cache");
        UnpackedJar.Build running = UnpackedJar.unpack(jar, cache);
        Files.writeString(jar, "changed", java.nio.file.StandardOpenOption.APPEND);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));

        try (UnpackedJar.Build rebuilt = UnpackedJar.unpack(jar, cache)) {
            assertThat(rebuilt.directory()).isNotEqualTo(running.directory());
            assertThat(running.applicationJar()).as("still in use").exists();
        }
        running.close();

        try (UnpackedJar.Build rebuilt = UnpackedJar.unpack(jar, cache)) {
            assertThat(running.directory()).doesNotExist();
            assertThat(cache.resolve(running.directory().getFileName() + ".lock")).doesNotExist();
            assertThat(rebuilt.applicationJar()).exists();
        }
    }

    @Test
    void whatEarlierStartsLeftIsCleanedUpButNotAStartUnderWay() throws IOException {
        Path cache = temp.resolve("cache");
        Path abandoned = Files.createDirectories(cache.resolve(".1-2-abandoned"));
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minusSeconds(7200)));
        Path underWay = Files.createDirectories(cache.resolve(".1-2-under-way"));
        Path orphanedLock = Files.createFile(cache.resolve("1-2.lock"));

        try (UnpackedJar.Build build = UnpackedJar.unpack(bootJar("1"), cache)) {
            assertThat(abandoned).doesNotExist();
            assertThat(underWay).exists();
            assertThat(orphanedLock).as("the lock of a build removed earlier").doesNotExist();
        }
    }

    /** A jar laid out as Spring Boot packages one. */
    private Path bootJar(String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        main.putValue("Start-Class", "example.Main");
        main.putValue("Implementation-Version", version);
        main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        main.putValue("Spring-Boot-Classpath-Index", "BOOT-INF/classpath.idx");
        Path jar = temp.resolve("app-" + version + ".jar");
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        entries.put("org/springframework/boot/loader/launch/JarLauncher.class", "launcher");
        entries.put("META-INF/services/java.nio.file.spi.FileSystemProvider", "launcher's provider");
        entries.put("META-INF/resources/styles.css", "body {}");
        entries.put("BOOT-INF/classes/example/Main.class", "main");
        entries.put("BOOT-INF/classes/demo/flow.json", "{}");
        entries.put("BOOT-INF/classes/jvmci/compiler.jar", "compiler");
        entries.put("BOOT-INF/lib/first.jar", "first");
        entries.put("BOOT-INF/lib/unindexed.jar", "unindexed");
        entries.put("BOOT-INF/lib/second.jar", "second");
        entries.put("BOOT-INF/classpath.idx", "- \"BOOT-INF/lib/second.jar\"\n- \"BOOT-INF/lib/first.jar\"\n");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }
}
