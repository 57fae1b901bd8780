package dev.sluice.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sluice.audit.AuditLog;
import dev.sluice.audit.AuditRecord;
import dev.sluice.target.HostPolicy;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.WorkspaceService;

/**
 * The hosts connections may reach beyond the default, kept by platform admins (in the database, so every instance
 * applies the same list within {@link #REFRESH}), plus any an operator names in {@code SLUICE_CONNECTIONS_ALLOW}.
 * Every change is audited. Thread-safe.
 */
@Service
@Transactional
public class HostAllowlist {

    static final Duration REFRESH = Duration.ofSeconds(5);

    private final AllowlistEntryRepository entries;
    private final PlatformSettingRepository settings;
    private final WorkspaceService workspaces;
    private final AuditLog audit;
    private final List<String> configured;
    private volatile Cached cached;

    private record Cached(HostPolicy policy, Instant until) {
    }

    /**
     * @param entry  as written: host, *.domain, address or CIDR, optional :port
     * @param note   why it is there
     * @param source {@code admin} (kept in the database) or {@code configuration} ({@code SLUICE_CONNECTIONS_ALLOW})
     */
    public record Entry(String entry, String note, String source) {
    }

    /** @param onlyListed whether hosts not listed are refused too */
    public record Allowlist(List<Entry> entries, boolean onlyListed) {
    }

    HostAllowlist(AllowlistEntryRepository entries, PlatformSettingRepository settings, WorkspaceService workspaces,
                  AuditLog audit, @Value("${sluice.connections.allow:}") List<String> configured) {
        this.entries = entries;
        this.settings = settings;
        this.workspaces = workspaces;
        this.audit = audit;
        this.configured = configured.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        HostPolicy.of(this.configured, false); // a bad SLUICE_CONNECTIONS_ALLOW stops the start, naming the entry
    }

    /** The list as a platform admin sees and edits it. */
    @Transactional(readOnly = true)
    public Allowlist read(String username) {
        requireAdmin(username, "only platform admins see the connection allowlist");
        return current();
    }

    private Allowlist current() {
        List<Entry> all = new ArrayList<>();
        configured.forEach(entry -> all.add(new Entry(entry, "SLUICE_CONNECTIONS_ALLOW", "configuration")));
        entries.findAllByOrderByEntryAsc().forEach(entry -> all.add(new Entry(entry.getEntry(), entry.getNote(), "admin")));
        boolean onlyListed = settings.findById(PlatformSetting.ONLY_LISTED).map(s -> Boolean.parseBoolean(s.getValue()))
                .orElse(false);
        return new Allowlist(List.copyOf(all), onlyListed);
    }

    /** Replaces the admin-kept entries (entry → note) and the only-listed switch; every bad entry is named. */
    public Allowlist replace(String username, Map<String, String> wanted, boolean onlyListed) {
        requireAdmin(username, "only platform admins change the connection allowlist");
        try {
            HostPolicy.of(List.copyOf(wanted.keySet()), onlyListed);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(e.getMessage());
        }
        Allowlist before = current();
        Map<String, String> kept = new LinkedHashMap<>();
        before.entries().stream().filter(e -> e.source().equals("admin")).forEach(e -> kept.put(e.entry(), e.note()));
        Instant now = Instant.now();
        entries.deleteAllInBatch();
        wanted.forEach((entry, note) -> entries.save(new AllowlistEntry(entry.strip(), note, username, now)));
        settings.findById(PlatformSetting.ONLY_LISTED).ifPresentOrElse(
                setting -> setting.set(String.valueOf(onlyListed), username, now),
                () -> settings.save(new PlatformSetting(PlatformSetting.ONLY_LISTED, String.valueOf(onlyListed),
                        username, now)));
        entries.flush();
        List<String> added = wanted.keySet().stream().filter(e -> !kept.containsKey(e)).toList();
        List<String> removed = kept.keySet().stream().filter(e -> !wanted.containsKey(e)).toList();
        audit.record(AuditRecord.success(username, null, "connection.allowlist.change", "allowlist", "connections",
                Map.of("added", added, "removed", removed, "onlyListed", onlyListed,
                        "onlyListedBefore", before.onlyListed())));
        cached = null;
        return current();
    }

    /** The policy in force, read again from the database at most every {@link #REFRESH}. */
    @Transactional(readOnly = true)
    public HostPolicy policy() {
        Cached now = cached;
        if (now == null || Instant.now().isAfter(now.until())) {
            Allowlist list = current();
            HostPolicy policy;
            try {
                policy = HostPolicy.of(list.entries().stream().map(Entry::entry).toList(), list.onlyListed());
            } catch (IllegalArgumentException e) {
                // an entry written by an older version that this one reads differently: keep the others
                policy = new HostPolicy(List.of(), list.onlyListed());
            }
            now = new Cached(policy, Instant.now().plus(REFRESH));
            cached = now;
        }
        return now.policy();
    }

    private void requireAdmin(String username, String doing) {
        if (workspaces.profile(username).platformRole() != PlatformRole.ADMIN) {
            throw Refusal.forbidden(doing);
        }
    }
}
