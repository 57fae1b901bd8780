package dev.sluice;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@code java -jar sluice.jar} on the optimized JavaScript runtime: the jar carries the Graal compiler (in
 * {@code jvmci/}) and, when its JVM was started without it, starts itself again with it through JVMCI, from the jar
 * unpacked ({@link UnpackedJar}: it starts seconds sooner from there), passing on the JVM options and arguments it
 * was given, then waits for that process and exits as it does. A {@code kill -9} of this process stops the other at
 * once too (it watches its parent); other signals reach it through this one's shutdown.
 * {@code SLUICE_JAVASCRIPT_OPTIMIZED=false} (or {@code -Dsluice.javascript.optimized=false}) turns this off. The
 * compiler's jars are made for one JDK feature release, so other JDKs run on the interpreter, as the log says.
 */
final class OptimizedRuntime {

    static final String RELAUNCHED = "sluice.relaunched";
    private static final String SETTING = "sluice.javascript.optimized";
    /** The JDK feature release the packaged compiler (graalvm.version) is made for. */
    private static final int COMPILER_JDK = 25;

    private OptimizedRuntime() {
    }

    /**
     * Starts this jar again on the optimized runtime and returns its exit code, or empty when this JVM is to run
     * Sluice itself (already optimized or relaunched, turned off, not started with {@code -jar}, another JDK).
     */
    static Optional<Integer> relaunchIfWanted(String[] args) {
        if (System.getProperty(RELAUNCHED) != null) {
            watchParent();
            return Optional.empty();
        }
        Optional<Path> jar = ownJar();
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (jar.isEmpty() || "false".equalsIgnoreCase(setting()) || Runtime.version().feature() != COMPILER_JDK
                || jvmOptions.stream().anyMatch(option -> option.contains("EnableJVMCI"))
                || OptimizedRuntime.class.getResource("/jvmci/compiler.jar") == null) {
            return Optional.empty();
        }
        UnpackedJar.Build build;
        Process sluice;
        try {
            build = unpack(jar.get(), Path.of(dataDir(args)));
        } catch (IOException | RuntimeException e) {
            return couldNotRelaunch(e);
        }
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // Truffle uses sun.misc.Unsafe: allowed, JDK 25 does not print its deprecation warning at each start
            command.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                    "--upgrade-module-path=" + build.compiler(), "--enable-native-access=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow"));
            command.add("-D" + RELAUNCHED + "=true");
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", build.applicationJar().toString()));
            command.addAll(List.of(args));
            System.out.println("Sluice: starting on the optimized JavaScript runtime (the Graal compiler through JVMCI; "
                    + "SLUICE_JAVASCRIPT_OPTIMIZED=false runs scripts on the interpreter instead)");
            sluice = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException | RuntimeException e) {
            closeQuietly(build);
            return couldNotRelaunch(e);
        }
        Thread forwardStop = new Thread(() -> {
            sluice.destroy();
            try {
                sluice.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sluice-stop");
        Runtime.getRuntime().addShutdownHook(forwardStop);
        try {
            return Optional.of(sluice.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(1);
        } finally {
            closeQuietly(build); // held, so that no other start removes the files Sluice runs from
        }
    }

    private static Optional<Integer> couldNotRelaunch(Exception e) {
        System.err.println("Sluice: could not start on the optimized JavaScript runtime (" + e.getMessage()
                + "); running on the interpreter");
        return Optional.empty();
    }

    private static void closeQuietly(UnpackedJar.Build build) {
        try {
            build.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    private static String setting() {
        String property = System.getProperty(SETTING);
        return property != null ? property : System.getenv("SLUICE_JAVASCRIPT_OPTIMIZED");
    }

    /** Started as {@code java -jar sluice.jar}: the class path is that one jar. */
    private static Optional<Path> ownJar() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
            return Optional.empty();
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    }

    /** The data directory as Sluice will resolve it: argument, system property, environment, default. */
    static String dataDir(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--sluice.data-dir=")) {
                return arg.substring("--sluice.data-dir=".length());
            }
        }
        String property = System.getProperty("sluice.data-dir");
        if (property != null) {
            return property;
        }
        return System.getenv().getOrDefault("SLUICE_DATA_DIR", "./sluice-data");
    }

    /**
     * This jar unpacked (with the compiler's jars) in the user's cache directory,
     * {@code $XDG_CACHE_HOME/sluice/jar} or {@code ~/.cache/sluice/jar}, or, where that cannot be written, in the
     * data directory's {@code runtime/}. Held (not removed by another start) until this process exits.
     */
    private static UnpackedJar.Build unpack(Path jar, Path dataDir) throws IOException {
        try {
            // the compiler alone was copied here before the whole jar was unpacked
            UnpackedJar.delete(dataDir.resolve("jvmci"));
        } catch (IOException e) {
            // an old copy left behind takes only space
        }
        try {
            return UnpackedJar.unpack(jar, cacheDirectory().resolve("sluice").resolve("jar"));
        } catch (IOException | RuntimeException e) {
            Files.createDirectories(dataDir);
            UnpackedJar.ownerOnly(dataDir);
            return UnpackedJar.unpack(jar, dataDir.resolve("runtime"));
        }
    }

    private static Path cacheDirectory() {
        String cache = System.getenv("XDG_CACHE_HOME");
        return cache != null && Path.of(cache).isAbsolute() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache");
    }

    /** The relaunched process goes when the one that started it goes, even by {@code kill -9}. */
    private static void watchParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("Sluice: the launching process is gone; stopping at once");
            Runtime.getRuntime().halt(137);
        }));
    }
}
