package dev.sluice.target;

/**
 * How a node config names a workspace secret: {@code {"secret": "ledger-token"}}. Flows only ever hold
 * these references, so exporting a flow never exports a secret.
 *
 * @param secret the secret's name in the flow's workspace
 */
public record SecretRef(String secret) {

    /** JSON Schema of a reference, embedded by the kinds that take one. */
    static final String SCHEMA = """
            {"type": "object", "format": "secret-ref", "required": ["secret"], "additionalProperties": false,
             "title": "Secret", "description": "Name of a secret of this workspace; the value never appears in the flow",
             "properties": {"secret": {"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{0,63}$"}}}""";
}
