package dev.sluice.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sluice.json.Json;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.UserProfile;
import dev.sluice.workspace.WorkspaceAccess;
import dev.sluice.workspace.WorkspaceRole;
import dev.sluice.workspace.WorkspaceService;

/**
 * Writes and reads the audit log. {@link #record} joins the caller's transaction, so an action and its entry
 * commit or roll back together; inside a read-only transaction (a view) it writes in a transaction of its own.
 * Appends are serialized by a lock on the chain head, on every instance sharing the database. Readers: auditors
 * and platform admins read everything, workspace owners their workspaces' entries, nobody else anything.
 * Thread-safe.
 */
@Service
public class AuditLog {

    private static final int MAX_DETAILS = 60_000;
    private static final int MAX_PAGE = 500;

    private final AuditStore store;
    private final WorkspaceService workspaces;
    private final TransactionTemplate joining;
    private final TransactionTemplate separate;
    private final TransactionTemplate reading;

    AuditLog(AuditStore store, WorkspaceService workspaces, PlatformTransactionManager transactions) {
        this.store = store;
        this.workspaces = workspaces;
        this.joining = new TransactionTemplate(transactions);
        this.separate = new TransactionTemplate(transactions);
        separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.reading = new TransactionTemplate(transactions);
        reading.setReadOnly(true);
    }

    /** Appends one entry and returns it as stored. */
    public AuditEntry record(AuditRecord entry) {
        boolean readOnly = TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isCurrentTransactionReadOnly();
        return (readOnly ? separate : joining).execute(status -> store.append(cut(entry.actor(), 64),
                cut(entry.workspace(), 64), cut(entry.action(), 64), cut(entry.objectType(), 32),
                cut(entry.objectId(), 200), entry.outcome().name(), details(entry.details())));
    }

    /** Entries matching {@code query}, newest first. */
    public AuditPage search(String username, AuditQuery query, int page, int size) {
        Set<String> allowed = readable(username, query);
        int pageSize = Math.max(1, Math.min(size, MAX_PAGE));
        int pageNumber = Math.max(0, page);
        return reading.execute(status -> new AuditPage(store.page(query, allowed, pageNumber, pageSize), pageNumber,
                pageSize, store.count(query, allowed)));
    }

    /** Whether {@code username} may read any of the log (for menus). */
    public boolean mayRead(String username) {
        UserProfile profile = workspaces.profile(username);
        return profile.platformRole() != null || !owned(profile).isEmpty();
    }

    /** Whether {@code username} may verify the whole chain: auditors and platform admins. */
    public boolean mayVerify(String username) {
        return workspaces.profile(username).platformRole() != null;
    }

    /**
     * Recomputes every entry's hash in order and checks the links, the numbering and the chain head. Only for
     * auditors and platform admins: the chain spans every workspace.
     */
    public AuditVerification verify(String username) {
        if (!mayVerify(username)) {
            throw new AuditAccessDenied("only auditors and platform admins verify the audit chain");
        }
        return verifyChain();
    }

    /** {@link #verify} without a person asking: for {@link AuditChainWatch}. */
    AuditVerification verifyChain() {
        return reading.execute(status -> {
            AuditChainCheck check = new AuditChainCheck();
            store.each(AuditQuery.all(), null, check::accept);
            return check.finish(store.head());
        });
    }

    /**
     * Checks access, records the export itself, and returns a writer of the matching entries as CSV, oldest
     * first, streamed from the database.
     */
    public CsvExport export(String username, AuditQuery query) {
        Set<String> allowed = readable(username, query);
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("from", query.from() == null ? null : query.from().toString());
        filters.put("to", query.to() == null ? null : query.to().toString());
        filters.put("actor", query.actor());
        filters.put("workspace", query.workspace());
        filters.put("action", query.action());
        filters.put("objectType", query.objectType());
        filters.put("objectId", query.objectId());
        record(AuditRecord.success(username, query.workspace(), "audit.export", "audit", null,
                Map.of("filters", filters)));
        return out -> reading.executeWithoutResult(status -> {
            try {
                out.write(AuditCsv.HEADER);
                store.each(query, allowed, entry -> {
                    try {
                        out.write(AuditCsv.row(entry));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Writes an export; runs after the access check, possibly on another thread. */
    @FunctionalInterface
    public interface CsvExport {
        void writeTo(Writer out);
    }

    /** The workspaces whose entries the caller may read, {@code null} for all; refuses the rest. */
    private Set<String> readable(String username, AuditQuery query) {
        UserProfile profile = workspaces.profile(username);
        if (profile.platformRole() == PlatformRole.ADMIN || profile.platformRole() == PlatformRole.AUDITOR) {
            return null;
        }
        Set<String> owned = owned(profile);
        if (owned.isEmpty()) {
            throw new AuditAccessDenied("the audit log is for auditors, platform admins and workspace owners");
        }
        if (query.workspace() != null && !owned.contains(query.workspace())) {
            throw new AuditAccessDenied("you own no workspace named '" + query.workspace()
                    + "'; owners read the audit log of their own workspaces");
        }
        return owned;
    }

    private static Set<String> owned(UserProfile profile) {
        if (profile.platformRole() != null) {
            return Set.of();
        }
        return Set.copyOf(profile.workspaces().stream().filter(w -> w.role() == WorkspaceRole.OWNER)
                .map(WorkspaceAccess::workspace).toList());
    }

    static String details(Map<String, ?> details) {
        try {
            String json = Json.MAPPER.writeValueAsString(details == null ? Map.of() : details);
            if (json.length() > MAX_DETAILS) {
                return Json.MAPPER.writeValueAsString(Map.of("truncated", true, "length", json.length()));
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit details must be plain JSON values", e);
        }
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
