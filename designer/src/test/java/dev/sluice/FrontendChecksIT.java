package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The frontend is code too: {@code frontend-checks/} type-checks, lints and unit-tests the TypeScript in
 * {@code frontend/} (its own tsconfig, ESLint config and Vitest tests). Runs with the Node on the PATH, else the one
 * Vaadin installed under {@code ~/.vaadin}; installs the locked packages with {@code npm ci} from the npm registry.
 */
class FrontendChecksIT {

    private static final Path CHECKS = Path.of("..", "frontend-checks").toAbsolutePath().normalize();
    private static Node node;

    @BeforeAll
    static void installsTheLockedPackages() {
        node = Node.find().orElseThrow(() -> new IllegalStateException("""
                No Node.js found for the frontend checks: put Node 24 on the PATH (the README says how; \
                .ci/run does it) or let a Vaadin build install one under ~/.vaadin."""));
        npm("ci", "--no-audit", "--no-fund");
    }

    @Test
    void typeScriptCompilesUnderTheStrictConfig() {
        npm("run", "typecheck");
    }

    @Test
    void eslintFindsNothing() {
        npm("run", "lint");
    }

    @Test
    void canvasUnitTestsPass() {
        npm("test");
    }

    private static void npm(String... arguments) {
        List<String> command = new ArrayList<>(node.npm());
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(CHECKS.toFile()).redirectErrorStream(true);
        // the tools' own scripts (#!/usr/bin/env node) must find the same Node
        builder.environment().put("PATH", node.directory() + File.pathSeparator + System.getenv("PATH"));
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("npm %s finished", String.join(" ", arguments))
                    .isTrue();
            assertThat(process.exitValue()).as("npm %s in %s:%n%s", String.join(" ", arguments), CHECKS, output)
                    .isZero();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Node installation: the directory of its executable, and how to run its npm. */
    private record Node(Path directory, Path executable) {

        private static final String EXECUTABLE = System.getProperty("os.name").startsWith("Windows") ? "node.exe"
                : "node";

        static Optional<Node> find() {
            Stream<Path> onPath = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                    .filter(entry -> !entry.isBlank()).map(Path::of);
            return Stream.concat(onPath, installedByVaadin()).map(dir -> new Node(dir, dir.resolve(EXECUTABLE)))
                    .filter(candidate -> Files.isExecutable(candidate.executable())).findFirst();
        }

        /** Vaadin keeps its Node in ~/.vaadin/node-v…/ (bin/ on Linux and macOS). */
        private static Stream<Path> installedByVaadin() {
            Path vaadin = Path.of(System.getProperty("user.home"), ".vaadin");
            if (!Files.isDirectory(vaadin)) {
                return Stream.empty();
            }
            try (Stream<Path> entries = Files.list(vaadin)) {
                return entries.filter(dir -> dir.getFileName().toString().startsWith("node"))
                        .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
                        .flatMap(dir -> Stream.of(dir.resolve("bin"), dir)).toList().stream();
            } catch (IOException e) {
                return Stream.empty();
            }
        }

        /** npm as this Node runs it: its bundled npm-cli.js when there is one, else the npm on the PATH. */
        List<String> npm() {
            return Stream.of(directory.resolve("../lib/node_modules/npm/bin/npm-cli.js"),
                            directory.resolve("node_modules/npm/bin/npm-cli.js"))
                    .filter(Files::isRegularFile).findFirst()
                    .map(cli -> List.of(executable.toString(), cli.normalize().toString()))
                    .orElseGet(() -> List.of(EXECUTABLE.equals("node") ? "npm" : "npm.cmd"));
        }
    }
}
