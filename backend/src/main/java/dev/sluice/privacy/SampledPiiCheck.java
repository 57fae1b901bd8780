package dev.sluice.privacy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.Flow;

/**
 * The run-time side of the leak guard for one deployed flow version: scans a sample of target-bound events with the
 * {@link Recognizer}s and returns what the guard did not expect, i.e. personal data at a place where no tagged value
 * can arrive in clear. Whether an event is sampled depends only on its id, so a rate of 1 checks every event and the
 * same event is always sampled or never. Findings carry paths and tags, never values. Immutable and thread-safe.
 */
public final class SampledPiiCheck {

    /** One event in a hundred. */
    public static final double DEFAULT_RATE = 0.01;

    private final double rate;
    private final Map<String, List<FieldPath>> clearAt;

    private SampledPiiCheck(double rate, Map<String, List<FieldPath>> clearAt) {
        this.rate = rate;
        this.clearAt = clearAt;
    }

    /**
     * @param rate share of events to scan, from 0 (none) to 1 (all)
     * @throws IllegalArgumentException for a rate outside 0..1
     */
    public static SampledPiiCheck of(Flow flow, PiiTags tags, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("sample rate must be between 0 and 1, not " + rate);
        }
        // Every arrival counts, leaks included: a flow deployed with a granted exception expects its leak.
        Map<String, List<FieldPath>> clearAt = new HashMap<>();
        for (Arrival arrival : LeakGuard.arrivals(flow, tags)) {
            if (arrival.form().equals("clear")) {
                clearAt.computeIfAbsent(arrival.target(), t -> new ArrayList<>())
                        .add(FieldPath.parse(arrival.targetPath()));
            }
        }
        return new SampledPiiCheck(rate, Map.copyOf(clearAt));
    }

    /** True when the event with this id is in the sample. */
    public boolean sampled(String eventId) {
        if (rate >= 1) {
            return true;
        }
        CRC32 crc = new CRC32();
        crc.update(String.valueOf(eventId).getBytes(StandardCharsets.UTF_8));
        return crc.getValue() / (double) (1L << 32) < rate;
    }

    /**
     * The personal data in an event bound for {@code target} that the guard did not expect there; empty when the
     * event is not sampled or holds nothing unexpected.
     */
    public List<PiiFinding> unexpected(String target, JsonNode event) {
        if (!sampled(event.path("id").asText())) {
            return List.of();
        }
        List<FieldPath> expected = clearAt.getOrDefault(target, List.of());
        List<PiiFinding> unexpected = new ArrayList<>();
        for (PiiFinding finding : PiiScanner.scan(event)) {
            FieldPath at = FieldPath.parse(finding.path());
            if (expected.stream().noneMatch(place -> place.mayReach(at))) {
                unexpected.add(finding);
            }
        }
        return unexpected;
    }
}
