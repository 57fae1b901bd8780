package dev.sluice.pipeline;

import java.util.Optional;

/**
 * What compiling a flow may use besides its configuration.
 *
 * @param workspace the flow's workspace
 * @param flowName  the flow's name, for ids and messages
 * @param secrets   the workspace's secrets by name (HMAC keys for {@code hash} masks, target passwords)
 */
public record CompileContext(String workspace, String flowName, SecretLookup secrets) {

    /** For dry-runs without a workspace: no secrets; a kind that needs one reports that clearly. */
    public static CompileContext standalone(String workspace, String flowName) {
        return new CompileContext(workspace, flowName, name -> Optional.empty());
    }

    @FunctionalInterface
    public interface SecretLookup {
        Optional<byte[]> find(String name);
    }
}
