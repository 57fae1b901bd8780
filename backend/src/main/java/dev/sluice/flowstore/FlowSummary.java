package dev.sluice.flowstore;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/** What a flow list shows: no content, so nothing of the flow's nodes, tests or payloads. */
@JsonPropertyOrder({"id", "name", "workspace", "description", "state", "latestVersion", "deployedVersion",
        "createdAt", "updatedAt", "updatedBy"})
public record FlowSummary(long id, String name, String workspace, String description, FlowState state,
                          int latestVersion, Integer deployedVersion,
                          @JsonSerialize(using = ToStringSerializer.class) Instant createdAt,
                          @JsonSerialize(using = ToStringSerializer.class) Instant updatedAt,
                          String updatedBy) {

    static FlowSummary of(StoredFlow flow) {
        return new FlowSummary(flow.getId(), flow.getName(), flow.getWorkspace().getName(), flow.getDescription(),
                flow.getState(), flow.getLatestVersion(), flow.getDeployedVersion(), flow.getCreatedAt(),
                flow.getUpdatedAt(), flow.getUpdatedBy());
    }
}
