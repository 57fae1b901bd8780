package dev.sluice.flowstore;

/** A stored flow's id and one of its versions, as import and save answer. */
public record FlowRef(long id, int version) {
}
