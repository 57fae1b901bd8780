package dev.sluice.engine;

import dev.sluice.pipeline.CompileContext;

/** The secrets of a workspace, for compiling its flows and opening their targets. */
@FunctionalInterface
public interface WorkspaceSecrets {

    CompileContext.SecretLookup of(String workspace);
}
