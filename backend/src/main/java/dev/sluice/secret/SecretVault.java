package dev.sluice.secret;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sluice.audit.AuditLog;
import dev.sluice.audit.AuditRecord;
import dev.sluice.engine.WorkspaceSecrets;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceRole;
import dev.sluice.workspace.WorkspaceService;

/**
 * The secrets of each workspace. Owners set, replace and delete them; owners and stewards list their names;
 * nobody reads a value back, only the engine when it compiles a flow of that workspace. Every change is
 * audited (the name, never the value). Thread-safe.
 */
@Service
@Transactional
public class SecretVault implements WorkspaceSecrets {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final int MAX_VALUE = 8192;

    private final WorkspaceSecretRepository secrets;
    private final WorkspaceService workspaces;
    private final WorkspaceAdministration administration;
    private final MasterKey masterKey;
    private final AuditLog audit;

    SecretVault(WorkspaceSecretRepository secrets, WorkspaceService workspaces,
                WorkspaceAdministration administration, MasterKey masterKey, AuditLog audit) {
        this.secrets = secrets;
        this.workspaces = workspaces;
        this.administration = administration;
        this.masterKey = masterKey;
        this.audit = audit;
    }

    /** Names and timestamps, by name; for owners and stewards of {@code workspace}. */
    @Transactional(readOnly = true)
    public List<SecretInfo> list(String username, String workspace) {
        workspaces.require(username, workspace, WorkspaceRole.STEWARD, "only owners and stewards list secrets");
        return secrets.findByWorkspaceNameOrderByNameAsc(workspace).stream().map(WorkspaceSecret::info).toList();
    }

    /** Stores a new secret; 409 when the name is taken (replace it instead). */
    public SecretInfo create(String username, String workspace, String name, String value) {
        requireOwner(username, workspace);
        check(name, value);
        if (secrets.findByWorkspaceNameAndName(workspace, name).isPresent()) {
            throw Refusal.conflict("workspace " + workspace + " already has a secret named '" + name
                    + "'; replace it or choose another name");
        }
        MasterKey.Loaded key = masterKey.get();
        WorkspaceSecret secret = secrets.saveAndFlush(new WorkspaceSecret(administration.workspace(workspace), name,
                SecretCipher.encrypt(key.key(), workspace, name, value.getBytes(StandardCharsets.UTF_8)), key.id(),
                username, Instant.now()));
        audit.record(AuditRecord.success(username, workspace, "secret.create", "secret", name, Map.of("name", name)));
        return secret.info();
    }

    /** Gives an existing secret a new value (rotation). */
    public SecretInfo replace(String username, String workspace, String name, String value) {
        requireOwner(username, workspace);
        check(name, value);
        WorkspaceSecret secret = secrets.findByWorkspaceNameAndName(workspace, name)
                .orElseThrow(() -> Refusal.notFound("Secret '" + name + "' of " + workspace));
        MasterKey.Loaded key = masterKey.get();
        secret.replace(SecretCipher.encrypt(key.key(), workspace, name, value.getBytes(StandardCharsets.UTF_8)),
                key.id(), username, Instant.now());
        audit.record(AuditRecord.success(username, workspace, "secret.replace", "secret", name, Map.of("name", name)));
        return secret.info();
    }

    public void delete(String username, String workspace, String name) {
        requireOwner(username, workspace);
        WorkspaceSecret secret = secrets.findByWorkspaceNameAndName(workspace, name)
                .orElseThrow(() -> Refusal.notFound("Secret '" + name + "' of " + workspace));
        secrets.delete(secret);
        audit.record(AuditRecord.success(username, workspace, "secret.delete", "secret", name, Map.of("name", name)));
    }

    /** For the engine: decrypts on each lookup; absent names are empty. No user check: flows run as the platform. */
    @Override
    public CompileContext.SecretLookup of(String workspace) {
        return name -> find(workspace, name);
    }

    @Transactional(readOnly = true)
    Optional<byte[]> find(String workspace, String name) {
        return secrets.findByWorkspaceNameAndName(workspace, name).map(secret -> {
            MasterKey.Loaded key = masterKey.get();
            if (!key.id().equals(secret.getKeyId())) {
                throw new IllegalStateException("secret '" + name + "' of " + workspace
                        + " was encrypted with another master key than the one configured now");
            }
            return SecretCipher.decrypt(key.key(), workspace, name, secret.getCiphertext());
        });
    }

    private void requireOwner(String username, String workspace) {
        workspaces.require(username, workspace, WorkspaceRole.OWNER, "only owners manage secrets");
    }

    private static void check(String name, String value) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw Refusal.invalid("a secret name is 1 to 100 letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit");
        }
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE) {
            throw Refusal.invalid("a secret value is 1 to " + MAX_VALUE + " characters");
        }
    }
}
