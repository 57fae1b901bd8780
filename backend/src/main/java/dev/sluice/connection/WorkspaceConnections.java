package dev.sluice.connection;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sluice.audit.AuditLog;
import dev.sluice.audit.AuditRecord;
import dev.sluice.engine.WorkspaceSecrets;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.target.ConnectionCheck;
import dev.sluice.target.ConnectionRules;
import dev.sluice.target.EndpointCheck;
import dev.sluice.target.SecretRef;
import dev.sluice.target.TargetContext;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceRole;
import dev.sluice.workspace.WorkspaceService;

/**
 * A workspace's connections. Owners and platform admins define, change and delete them; every member lists them
 * (flows name them); owners and stewards test them. Every change and every test is audited, with the settings
 * (secrets by name only). Thread-safe.
 */
@Service
@Transactional
public class WorkspaceConnections {

    private final WorkspaceConnectionRepository connections;
    private final WorkspaceService workspaces;
    private final WorkspaceAdministration administration;
    private final ConnectionReach reach;
    private final WorkspaceSecrets secrets;
    private final AuditLog audit;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    WorkspaceConnections(WorkspaceConnectionRepository connections, WorkspaceService workspaces,
                         WorkspaceAdministration administration, ConnectionReach reach, WorkspaceSecrets secrets,
                         AuditLog audit) {
        this.connections = connections;
        this.workspaces = workspaces;
        this.administration = administration;
        this.reach = reach;
        this.secrets = secrets;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<ConnectionInfo> list(String username, String workspace) {
        require(username, workspace, WorkspaceRole.VIEWER, "");
        return connections.findByWorkspaceNameOrderByNameAsc(workspace).stream().map(WorkspaceConnection::info).toList();
    }

    @Transactional(readOnly = true)
    public ConnectionInfo get(String username, String workspace, String name) {
        require(username, workspace, WorkspaceRole.VIEWER, "");
        return find(workspace, name).info();
    }

    @Transactional(noRollbackFor = InvalidFlowException.class)
    public ConnectionInfo create(String username, String workspace, ConnectionSpec spec) {
        require(username, workspace, WorkspaceRole.OWNER, "only owners and platform admins define connections");
        check(username, workspace, spec);
        if (connections.findByWorkspaceNameAndName(workspace, spec.name()).isPresent()) {
            throw Refusal.conflict("workspace " + workspace + " already has a connection named '" + spec.name()
                    + "'; change it or choose another name");
        }
        WorkspaceConnection created = connections.saveAndFlush(new WorkspaceConnection(
                administration.workspace(workspace), spec, username, Instant.now()));
        audit.record(AuditRecord.success(username, workspace, "connection.create", "connection", spec.name(),
                Map.of("settings", spec.json().toString())));
        return created.info();
    }

    @Transactional(noRollbackFor = InvalidFlowException.class)
    public ConnectionInfo replace(String username, String workspace, String name, ConnectionSpec spec) {
        require(username, workspace, WorkspaceRole.OWNER, "only owners and platform admins change connections");
        WorkspaceConnection connection = find(workspace, name);
        ConnectionSpec renamed = new ConnectionSpec(name, spec.kind(), spec.url(), spec.username(),
                spec.passwordSecret(), spec.headers(), spec.description());
        check(username, workspace, renamed);
        String before = connection.spec().json().toString();
        connection.apply(renamed, username, Instant.now());
        audit.record(AuditRecord.success(username, workspace, "connection.replace", "connection", name,
                Map.of("before", before, "after", renamed.json().toString())));
        return connection.info();
    }

    public void delete(String username, String workspace, String name) {
        require(username, workspace, WorkspaceRole.OWNER, "only owners and platform admins delete connections");
        connections.delete(find(workspace, name));
        audit.record(AuditRecord.success(username, workspace, "connection.delete", "connection", name, Map.of()));
    }

    /** Reaches the connection with its credentials ("test connection"), audited with its outcome. */
    public ConnectionCheck test(String username, String workspace, String name) {
        require(username, workspace, WorkspaceRole.STEWARD, "only owners and stewards test connections");
        ConnectionCheck result = EndpointCheck.check(find(workspace, name).spec().endpoint(), context(workspace));
        audit.record(new AuditRecord(username, workspace, "connection.check", "connection", name,
                result.reachable() ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.FAILURE,
                Map.of("message", result.message())));
        return result;
    }

    private TargetContext context(String workspace) {
        return new TargetContext(null, http, secrets.of(workspace), workspace, reach);
    }

    /** Refuses settings with every problem by path; a refusal is audited (the settings, secrets by name). */
    private void check(String username, String workspace, ConnectionSpec spec) {
        ConnectionRules rules = reach.rules();
        List<FlowProblem> problems = new ArrayList<>(spec.problems(rules));
        if (problems.isEmpty()) {
            rules.refusal(spec.endpoint(), true).ifPresent(why -> problems.add(new FlowProblem("$.url", why)));
        }
        CompileContext.SecretLookup lookup = secrets.of(workspace);
        Map<String, String> references = new LinkedHashMap<>();
        if (spec.passwordSecret() != null) {
            references.put("$.password.secret", spec.passwordSecret());
        }
        spec.headers().forEach((header, value) -> {
            if (value instanceof SecretRef reference && reference.secret() != null) {
                references.put("$.headers." + header, reference.secret());
            }
        });
        references.forEach((path, secret) -> {
            if (lookup.find(secret).isEmpty()) {
                problems.add(new FlowProblem(path, "workspace " + workspace + " has no secret named '" + secret + "'"));
            }
        });
        if (!problems.isEmpty()) {
            audit.record(new AuditRecord(username, workspace, "connection.refused", "connection", spec.name(),
                    AuditRecord.Outcome.DENIED, Map.of("settings", spec.json().toString(),
                    "problems", problems.stream().map(p -> p.path() + ": " + p.message()).toList())));
            throw new InvalidFlowException(problems);
        }
    }

    private WorkspaceConnection find(String workspace, String name) {
        return connections.findByWorkspaceNameAndName(workspace, name)
                .orElseThrow(() -> Refusal.notFound("Connection '" + name + "' of " + workspace));
    }

    private void require(String username, String workspace, WorkspaceRole needed, String doing) {
        if (workspaces.profile(username).platformRole() == PlatformRole.ADMIN) {
            try {
                administration.workspace(workspace);
            } catch (IllegalArgumentException e) {
                throw Refusal.notFound("Workspace '" + workspace + "'");
            }
            return;
        }
        workspaces.require(username, workspace, needed, doing);
    }
}
