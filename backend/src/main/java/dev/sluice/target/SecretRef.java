package dev.sluice.target;

import dev.sluice.pipeline.Setting;

/**
 * How a node config names a workspace secret: {@code {"secret": "ledger-token"}}. Flows only ever hold
 * these references, so exporting a flow never exports a secret.
 *
 * @param secret the secret's name in the flow's workspace
 */
@Setting(format = "secret-ref", title = "Secret",
         description = "Name of a secret of this workspace; the value never appears in the flow")
public record SecretRef(@Setting(required = true, pattern = "^[a-z0-9][a-z0-9._-]{0,63}$") String secret) {
}
