package dev.sluice.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sluice.json.Json;

/**
 * The audit log as a file of its own, for backups and moving an installation: every entry as it is stored, hashes
 * included, oldest first, and the chain head. It is read back only into an empty log and only when its chain
 * verifies, so an archive edited on the way is refused whole, and the imported log verifies as the original did.
 */
public final class AuditArchive {

    private static final String FORMAT = "sluice-audit-log-1";
    // values read one by one off a stream, which goes on after each
    private static final ObjectReader HEAD = Json.MAPPER.readerFor(AuditStore.Head.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader ENTRY = Json.MAPPER.readerFor(ArchivedEntry.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final AuditStore store;
    private final TransactionTemplate writing;
    private final TransactionTemplate reading;

    public AuditArchive(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.store = new AuditStore(jdbc);
        this.writing = new TransactionTemplate(transactions);
        this.reading = new TransactionTemplate(transactions);
        reading.setReadOnly(true);
    }

    /** An archive refused: not Sluice's format, or a chain that does not verify. */
    public static final class RefusedArchive extends RuntimeException {

        RefusedArchive(String message) {
            super(message);
        }
    }

    /** Writes the whole log to {@code out}; returns how many entries it wrote. */
    public long export(OutputStream out) {
        return reading.execute(status -> {
            AuditStore.Head head = store.head();
            try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
                json.writeStartObject();
                json.writeStringField("format", FORMAT);
                json.writeObjectFieldStart("head");
                json.writeNumberField("entries", head.entries());
                json.writeStringField("lastHash", head.lastHash());
                json.writeEndObject();
                json.writeArrayFieldStart("entries");
                // entries appended while this runs come after the head read above: they belong to the next backup
                store.each(AuditQuery.all(), null, entry -> {
                    if (entry.id() <= head.entries()) {
                        write(json, entry);
                    }
                });
                json.writeEndArray();
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return head.entries();
        });
    }

    /**
     * Reads an archive into this installation's log, which must be empty, checking its chain on the way; writes
     * nothing when the chain does not verify.
     *
     * @throws RefusedArchive when it is not an audit archive or its chain does not verify
     * @throws IllegalStateException when this installation's log is not empty
     */
    public AuditVerification importFrom(InputStream in) {
        return writing.execute(status -> {
            long present = store.head().entries();
            if (present > 0) {
                throw new IllegalStateException("The audit log here already holds " + present + " entries; import "
                        + "an audit log into a new installation only");
            }
            AuditChainCheck check = new AuditChainCheck();
            AuditStore.Head head = null;
            boolean formatSeen = false;
            try (JsonParser json = Json.MAPPER.getFactory().createParser(in)) {
                if (json.nextToken() != JsonToken.START_OBJECT) {
                    throw new RefusedArchive("not an audit log archive: it is not a JSON object");
                }
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    json.nextToken();
                    switch (field) {
                        case "format" -> {
                            if (!FORMAT.equals(json.getText())) {
                                throw new RefusedArchive("not an audit log archive of this Sluice: format "
                                        + json.getText() + ", expected " + FORMAT);
                            }
                            formatSeen = true;
                        }
                        case "head" -> head = HEAD.readValue(json);
                        case "entries" -> {
                            while (json.nextToken() == JsonToken.START_OBJECT) {
                                AuditEntry entry = read(ENTRY.readValue(json));
                                check.accept(entry);
                                store.insert(entry);
                            }
                        }
                        default -> json.skipChildren();
                    }
                }
            } catch (IOException e) {
                throw new RefusedArchive("not an audit log archive: " + e.getMessage());
            }
            if (!formatSeen || head == null) {
                throw new RefusedArchive("not an audit log archive: its format or chain head is missing");
            }
            AuditVerification verification = check.finish(head);
            if (!verification.ok()) {
                throw new RefusedArchive("the archive's chain does not verify at entry "
                        + verification.firstBad().id() + ": " + verification.firstBad().reason());
            }
            store.moveHead(head);
            return verification;
        });
    }

    /** Checks the whole stored chain. */
    public AuditVerification verify() {
        return reading.execute(status -> {
            AuditChainCheck check = new AuditChainCheck();
            store.each(AuditQuery.all(), null, check::accept);
            return check.finish(store.head());
        });
    }

    /** Appends one entry, chained after the last (the backup or import itself). */
    public AuditEntry record(AuditRecord record) {
        return writing.execute(status -> store.append(record.actor(), record.workspace(), record.action(),
                record.objectType(), record.objectId(), record.outcome().name(), AuditLog.details(record.details())));
    }

    private record ArchivedEntry(long id, String at, String actor, String workspace, String action,
                                 String objectType, String objectId, String outcome, String details, String prevHash,
                                 String hash) {
    }

    private static AuditEntry read(ArchivedEntry entry) {
        return new AuditEntry(entry.id(), Instant.parse(entry.at()), entry.actor(), entry.workspace(), entry.action(),
                entry.objectType(), entry.objectId(), entry.outcome(), entry.details(), entry.prevHash(),
                entry.hash());
    }

    private static void write(JsonGenerator json, AuditEntry entry) {
        try {
            json.writeObject(new ArchivedEntry(entry.id(), entry.at().toString(), entry.actor(), entry.workspace(),
                    entry.action(), entry.objectType(), entry.objectId(), entry.outcome(), entry.details(),
                    entry.prevHash(), entry.hash()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
