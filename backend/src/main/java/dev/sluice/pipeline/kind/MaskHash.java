package dev.sluice.pipeline.kind;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.sluice.pipeline.CompileContext;

/**
 * A stable pseudonym: {@code "hmac:"} and the lowercase hex of HMAC-SHA-256 over the value's UTF-8 bytes,
 * keyed by a workspace secret. The same value and key always give the same pseudonym, so records can still
 * be joined; another key gives another one. Numbers and booleans are hashed by their JSON text, so
 * {@code 36113} and {@code "36113"} share a pseudonym. There is no fallback key: a missing or empty secret
 * stops the flow from compiling.
 */
final class MaskHash implements Masker {

    static final String PREFIX = "hmac:";
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;

    MaskHash(byte[] key) {
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    static MaskHash of(ObjectNode rule, CompileContext context) {
        String name = rule.path("secret").asText();
        byte[] key = context.secrets().find(name).orElseThrow(() -> new IllegalStateException(
                "The mask node's hash rule needs the secret '" + name + "', which workspace '" + context.workspace()
                        + "' does not have: a workspace admin must add it before flow '" + context.flowName()
                        + "' can run"));
        if (key.length == 0) {
            throw new IllegalStateException("The secret '" + name + "' of workspace '" + context.workspace()
                    + "' is empty and cannot key the mask node's hash rule");
        }
        return new MaskHash(key);
    }

    @Override
    public JsonNode mask(JsonNode value) throws Unmaskable {
        return TextNode.valueOf(hash(Masker.text(value)));
    }

    String hash(String text) {
        Mac mac = mac();
        return PREFIX + HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A Mac per call: they are not thread-safe, and cloning the keyed prototype skips the key setup. */
    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA-256 provider cannot clone a keyed Mac", e);
        }
    }
}
