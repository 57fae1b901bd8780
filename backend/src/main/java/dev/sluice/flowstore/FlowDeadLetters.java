package dev.sluice.flowstore;

import java.io.IOException;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.sluice.engine.DeadLetters;
import dev.sluice.engine.Engine;
import dev.sluice.privacy.PreviewMasking;

/**
 * A flow's dead letters as people see them, from the REST API and the designer alike: members list them, with
 * personal data masked beyond what they may see and the viewing audited (which letters, never what they hold);
 * owners and stewards replay them, audited too. Thread-safe.
 */
@Service
public class FlowDeadLetters {

    private final FlowDeployments deployments;
    private final ObjectProvider<Engine> engine;
    private final ApplicationEventPublisher events;

    FlowDeadLetters(FlowDeployments deployments, ObjectProvider<Engine> engine, ApplicationEventPublisher events) {
        this.deployments = deployments;
        this.engine = engine;
        this.events = events;
    }

    /** Whether this instance runs an engine, which reads dead letters; an instance that only designs does not. */
    public boolean available() {
        return engine.getIfAvailable() != null;
    }

    /**
     * Up to {@code limit} dead letters, oldest first.
     *
     * @throws IllegalStateException when this instance runs no engine ({@link #available()})
     * @throws IOException           when the broker cannot be asked
     */
    public List<DeadLetters.DeadLetter> list(String username, long id, int limit) throws IOException {
        FlowSummary flow = deployments.summary(username, id);
        PreviewMasking masking = deployments.inputMasking(username, id);
        List<DeadLetters.DeadLetter> found = deadLetters().list(id, limit).stream()
                .map(letter -> letter.shownAs(masking::inputText)).toList();
        if (!found.isEmpty()) {
            // what was seen is recorded; a look at an empty list showed no event's data
            events.publishEvent(new DeadLettersViewed(id, flow.workspace(), flow.name(),
                    found.stream().map(DeadLetters.DeadLetter::messageId).toList(), username));
        }
        return found;
    }

    /** Replays those with the given message ids, or all when {@code ids} is empty; returns how many. */
    public int replay(String username, long id, List<String> ids) throws IOException {
        FlowSummary flow = deployments.operable(username, id);
        int replayed = deadLetters().replay(id, deployments.options(id).keyOrder(), ids);
        events.publishEvent(new DeadLettersReplayed(id, flow.workspace(), flow.name(), List.copyOf(ids), replayed,
                username));
        return replayed;
    }

    private DeadLetters deadLetters() {
        Engine running = engine.getIfAvailable();
        if (running == null) {
            throw new IllegalStateException("dead letters are handled by engine instances; this one runs the "
                    + "designer only");
        }
        return running.deadLetters();
    }
}
