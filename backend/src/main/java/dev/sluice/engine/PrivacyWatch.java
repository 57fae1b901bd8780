package dev.sluice.engine;

import java.util.List;

import dev.sluice.privacy.PiiFinding;
import dev.sluice.privacy.SampledPiiCheck;

/**
 * The run-time side of the leak guard, as the engine uses it: a sampled scan of the events each flow version sends
 * to its targets, and what to do with personal data found where the guard did not expect it. Alerts only; nothing
 * is paused or held back. Implementations are thread-safe.
 */
public interface PrivacyWatch {

    /** Checks nothing. */
    PrivacyWatch NONE = new PrivacyWatch() {
        @Override
        public SampledPiiCheck checkFor(DeployedFlow flow) {
            return null;
        }

        @Override
        public void unexpected(DeployedFlow flow, String target, String eventId, List<PiiFinding> findings) {
        }
    };

    /** The check for one deployed version; null to check nothing. */
    SampledPiiCheck checkFor(DeployedFlow flow);

    /** Raises the alert: personal data (paths and tags, never values) in an event bound for {@code target}. */
    void unexpected(DeployedFlow flow, String target, String eventId, List<PiiFinding> findings);
}
