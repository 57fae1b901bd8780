package dev.sluice.flowstore;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/** One entry of a flow's history: who saved which version when, and why. */
@JsonPropertyOrder({"version", "author", "createdAt", "comment"})
public record FlowVersionInfo(int version, String author,
                              @JsonSerialize(using = ToStringSerializer.class) Instant createdAt, String comment) {

    static FlowVersionInfo of(FlowVersion version) {
        return new FlowVersionInfo(version.getVersion(), version.getCreatedBy(), version.getCreatedAt(),
                version.getComment());
    }
}
