package dev.sluice.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.sluice.json.Json;

/**
 * The canonical form of an entry and its hash. The canonical form is a JSON array of every field in a fixed
 * order, so no two different entries share it (field boundaries are explicit), and the format tag lets a
 * later format coexist.
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);
    private static final String FORMAT = "sluice-audit-1";

    private AuditChain() {
    }

    static String hash(long id, Instant at, String actor, String workspace, String action, String objectType,
                       String objectId, String outcome, String details, String prevHash) {
        var fields = new ArrayList<>(Arrays.asList(FORMAT, id, at.toString(), actor, workspace, action, objectType,
                objectId, outcome, details, prevHash));
        try {
            byte[] canonical = Json.MAPPER.writeValueAsBytes(fields);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash an audit entry", e);
        }
    }

    static String hash(AuditEntry e) {
        return hash(e.id(), e.at(), e.actor(), e.workspace(), e.action(), e.objectType(), e.objectId(), e.outcome(),
                e.details(), e.prevHash());
    }
}
