package dev.sluice.privacy;

import java.util.List;

/**
 * The run-time check found personal data in an event a deployed flow sent to a target, where the leak guard did
 * not expect it: the alert, with paths and tags but never values.
 */
public record UnexpectedPii(long flowId, String workspace, String flow, int version, String target, String eventId,
                            List<PiiFinding> findings) {

    public UnexpectedPii {
        findings = List.copyOf(findings);
    }
}
