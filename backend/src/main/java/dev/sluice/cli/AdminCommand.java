package dev.sluice.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.sluice.audit.AuditArchive;
import dev.sluice.audit.AuditRecord;
import dev.sluice.audit.AuditVerification;
import dev.sluice.backup.InstallationBackup;

/**
 * {@code sluice admin export|import <backup.json> [--audit <audit.json>] [--spring.datasource.url=…]...}: backs the
 * installation Sluice's settings name up to a file, or reads a backup into a new database (embedded or PostgreSQL,
 * migrated first), the audit log to and from a file of its own, verified after import. Only the database is opened
 * (no server, no broker), so a running PostgreSQL installation can be backed up as it runs; the embedded database
 * is one process's at a time, so Sluice is stopped first. Exit code 0 when done, 1 when refused, 2 for a wrong
 * command.
 */
public final class AdminCommand {

    private static final String USAGE = """
            usage: java -jar sluice.jar admin export <backup.json> [--audit <audit.json>]
                   java -jar sluice.jar admin import <backup.json> [--audit <audit.json>]
            the database is the one Sluice would use: SPRING_DATASOURCE_URL, or the embedded one under SLUICE_DATA_DIR""";

    private final PrintStream out;
    private final PrintStream err;

    public AdminCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** True when the arguments ask for this command rather than for the server. */
    public static boolean handles(String[] args) {
        return args.length > 0 && args[0].equals("admin");
    }

    /** Only what the command needs: the database, its migrations (Java ones included) and transactions. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class})
    @ComponentScan(basePackages = "dev.sluice", useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = JavaMigration.class))
    static class DatabaseOnly {
    }

    public int run(String[] args) {
        List<String> positional = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        Path audit = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--audit") && i + 1 < args.length) {
                audit = Path.of(args[++i]);
            } else if (args[i].startsWith("--") && args[i].contains("=")) {
                settings.add(args[i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() != 2 || !List.of("export", "import").contains(positional.get(0))) {
            err.println(USAGE);
            return 2;
        }
        Path backup = Path.of(positional.get(1));
        ConfigurableApplicationContext database;
        try {
            database = new SpringApplicationBuilder(DatabaseOnly.class)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .properties("logging.config=classpath:logback-cli.xml")
                    .run(settings.toArray(String[]::new));
        } catch (RuntimeException unreachable) {
            err.println("cannot open Sluice's database: " + rootMessage(unreachable)
                    + "\n(the embedded database is one process's at a time: stop Sluice first)");
            return 1;
        }
        try (database) {
            JdbcTemplate jdbc = database.getBean(JdbcTemplate.class);
            PlatformTransactionManager transactions = database.getBean(PlatformTransactionManager.class);
            InstallationBackup installation = new InstallationBackup(jdbc, transactions);
            AuditArchive auditLog = new AuditArchive(jdbc, transactions);
            return positional.get(0).equals("export")
                    ? export(installation, auditLog, backup, audit)
                    : importFrom(installation, auditLog, backup, audit);
        } catch (InstallationBackup.RefusedBackup | AuditArchive.RefusedArchive | IllegalStateException refused) {
            err.println("refused: " + refused.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("cannot read or write " + e.getMessage());
            return 1;
        }
    }

    private int export(InstallationBackup installation, AuditArchive auditLog, Path backup, Path audit)
            throws IOException {
        InstallationBackup.Summary summary;
        try (OutputStream file = ownerOnly(backup)) {
            summary = installation.export(file);
        }
        out.println("exported " + counts(summary) + " (schema " + summary.schemaVersion() + ") to " + backup);
        if (!summary.secretsToReenter().isEmpty()) {
            out.println("secrets are not exported; enter them again after import: "
                    + String.join(", ", summary.secretsToReenter()));
        }
        if (audit != null) {
            long entries;
            try (OutputStream file = ownerOnly(audit)) {
                entries = auditLog.export(file);
            }
            out.println("exported the audit log: " + entries + " entries to " + audit);
        }
        auditLog.record(AuditRecord.success(actor(), null, "admin.export", "installation", backup.getFileName(),
                Map.of("rows", summary.rows(), "auditLog", audit != null)));
        return 0;
    }

    private int importFrom(InstallationBackup installation, AuditArchive auditLog, Path backup, Path audit)
            throws IOException {
        if (audit != null) {
            AuditVerification imported;
            try (InputStream file = Files.newInputStream(audit)) {
                imported = auditLog.importFrom(file);
            }
            out.println("imported the audit log: " + imported.entries() + " entries, its chain verified");
        }
        InstallationBackup.Summary summary;
        try (InputStream file = Files.newInputStream(backup)) {
            summary = installation.importFrom(file);
        }
        out.println("imported " + counts(summary) + " from " + backup + " (schema " + summary.schemaVersion() + ")");
        if (!summary.secretsToReenter().isEmpty()) {
            out.println("enter these secrets again (workspace/name), under each workspace's Secrets: "
                    + String.join(", ", summary.secretsToReenter()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rows", summary.rows());
        details.put("schemaVersion", summary.schemaVersion());
        details.put("auditLog", audit != null);
        auditLog.record(AuditRecord.success(actor(), null, "admin.import", "installation", backup.getFileName(),
                details));
        AuditVerification verified = auditLog.verify();
        if (!verified.ok()) {
            err.println("the audit chain does not verify at entry " + verified.firstBad().id() + ": "
                    + verified.firstBad().reason());
            return 1;
        }
        out.println("audit chain verified: " + verified.entries() + " entries");
        return 0;
    }

    private static String counts(InstallationBackup.Summary summary) {
        Map<String, Integer> rows = summary.rows();
        return rows.get("workspaces") + " workspaces, " + rows.get("users") + " users, " + rows.get("event_sources")
                + " sources, " + rows.get("flows") + " flows (" + rows.get("flow_versions") + " versions), "
                + rows.get("workspace_connections") + " connections, " + rows.get("group_role_rules") + " group rules";
    }

    /** A backup holds password hashes: only its owner may read it. */
    private static OutputStream ownerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        }
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Who ran the command, as the audit log names them. */
    private static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
