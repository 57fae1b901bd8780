package dev.sluice.pipeline;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The runtime step of one node, compiled once per flow version and shared by all threads: it must be
 * thread-safe and keep no per-event state.
 *
 * <p>Contract: the step owns the event it is given (it may change it in place and return it). It returns
 * the events to pass on: none means the event was dropped (filtered), several mean it was split. Throwing
 * {@link StepFailure} fails the event, which then goes to retry or the dead-letter queue; a step that fails
 * must not have emitted anything. Steps never log payloads.
 */
@FunctionalInterface
public interface NodeStep {

    List<ObjectNode> apply(ObjectNode event) throws StepFailure;

    /** Why an event was dropped, for previews ("did not match the pattern"). */
    default String dropReason() {
        return "dropped";
    }
}
