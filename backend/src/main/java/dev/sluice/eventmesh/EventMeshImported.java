package dev.sluice.eventmesh;

import java.util.List;

/**
 * A flow made from EventMesh rules: the stored flow and its version, and one note per place where Sluice's
 * semantics differ from EventMesh's for these rules, each starting with the JSON path in the request.
 */
public record EventMeshImported(long id, int version, List<String> notes) {

    public EventMeshImported {
        notes = List.copyOf(notes);
    }
}
