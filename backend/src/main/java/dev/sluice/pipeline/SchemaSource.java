package dev.sluice.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes the schema of a setting that annotations cannot describe; see {@link Setting#schema}. */
public interface SchemaSource {

    /** Needs a public no-argument constructor; called once per config type. */
    ObjectNode schema();
}
