package dev.sluice.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.sluice.target.JdbcUrl;

/**
 * A commit H2 has returned from survives {@code kill -9} of the process, for Sluice's own embedded database (flows,
 * audit entries, the latest events a snapshot starts from) and for an H2 target file: H2 otherwise writes commits up
 * to a second later, and the engine acks what was committed.
 */
class H2CommitsSurviveKillTest {

    @TempDir
    Path dir;

    @Test
    void commitsToSluicesOwnEmbeddedDatabaseSurviveAKill() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of(EmbeddedDefaults.DATA_DIR, dir.toString())));
        new EmbeddedDefaults().postProcessEnvironment(environment, null);

        assertEveryCommitSurvivesAKill(environment.getProperty("spring.datasource.url"));
    }

    @Test
    void commitsToAnH2TargetSurviveAKill() throws Exception {
        assertEveryCommitSurvivesAKill(JdbcUrl.parse("jdbc:h2:file:business").driverUrl(dir.resolve("targets")));
    }

    /** A child JVM commits rows one by one and reports each after its commit returned; it is killed mid-stream. */
    private static void assertEveryCommitSurvivesAKill(String url) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Committer.class.getName(), url)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long acked = -1;
        try (BufferedReader reported = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.US_ASCII))) {
            long killAt = 0;
            String line;
            while ((line = reported.readLine()) != null) {
                acked = Long.parseLong(line);
                if (killAt == 0) {
                    killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
                } else if (System.nanoTime() > killAt) {
                    // SIGKILL through the handle: Process.destroyForcibly would also close the pipe still to read
                    child.toHandle().destroyForcibly();
                    child.waitFor();
                    killAt = Long.MAX_VALUE;
                }
            }
        } finally {
            child.destroyForcibly();
        }
        assertThat(acked).as("rows the child reported committed").isGreaterThan(100);

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             ResultSet rows = connection.createStatement().executeQuery("select count(*) from committed")) {
            rows.next();
            // the kill may fall between a commit and its report
            assertThat(rows.getLong(1)).as("rows in the database after the kill").isBetween(acked, acked + 1);
        }
    }

    /** Commits a numbered row at a time and prints its number once the commit returned. */
    public static final class Committer {
        public static void main(String[] args) throws Exception {
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
                    StandardCharsets.US_ASCII);
            try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
                connection.createStatement().execute(
                        "create table committed (id bigint primary key, filler varchar(500))");
                connection.setAutoCommit(false);
                try (PreparedStatement insert = connection.prepareStatement("insert into committed values (?, ?)")) {
                    String filler = "x".repeat(400);
                    for (long id = 1; ; id++) {
                        insert.setLong(1, id);
                        insert.setString(2, filler);
                        insert.executeUpdate();
                        connection.commit();
                        out.println(id);
                    }
                }
            }
        }
    }
}
