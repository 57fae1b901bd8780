package dev.sluice.privacy;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sluice.source.EventSource;
import dev.sluice.source.RecentEvents;
import dev.sluice.source.SourceStewardship;

/**
 * The events most recently published to a source, as a person may see them: only for a source they may see (any
 * other does not exist for them), masked exactly as the source's samples are for them, the viewing audited.
 * Thread-safe.
 */
@Service
public class RecentSourceEvents {

    private final SourceStewardship stewardship;
    private final SourcePrivacy privacy;
    private final RecentEvents recent;
    private final ApplicationEventPublisher events;

    RecentSourceEvents(SourceStewardship stewardship, SourcePrivacy privacy, RecentEvents recent,
                       ApplicationEventPublisher events) {
        this.stewardship = stewardship;
        this.privacy = privacy;
        this.recent = recent;
        this.events = events;
    }

    /** How many events of each source are kept. */
    public int keep() {
        return recent.keep();
    }

    /**
     * Newest first, at most {@link #keep()}.
     *
     * @throws dev.sluice.workspace.Refusal when the actor may not see the source
     * @throws IOException                  when the broker cannot be asked
     */
    @Transactional(readOnly = true)
    public List<JsonNode> shown(String actor, String source) throws IOException {
        EventSource found = stewardship.visible(actor, source);
        PreviewMasking masking = privacy.samplesMasking(actor, found);
        List<JsonNode> shown = recent.read(source).stream().map(masking::input).toList();
        if (!shown.isEmpty()) {
            events.publishEvent(new RecentEventsViewed(source, found.getOwner().getName(), shown.size(), actor));
        }
        return shown;
    }
}
