package dev.sluice.region;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sluice.platform.PeriodicTask;

/**
 * Keeps exactly the links the deployed flows need, every few seconds: sets up the missing ones, removes those no flow
 * needs any more (only once they were unneeded twice in a row, so a deploy committing meanwhile on another instance
 * does not lose its link), and records each link's state for the Regions view, the status API and the metrics
 * {@code sluice.region.link.up} and {@code sluice.region.link.backlog}.
 */
public final class RegionLinkKeeper extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(RegionLinkKeeper.class);
    private static final Duration PERIOD = Duration.ofSeconds(15);

    private final Regions regions;
    private final RegionLinks links;
    private final LinkNeeds needs;
    private final MultiGauge up;
    private final MultiGauge backlog;
    private volatile List<RegionLinks.LinkState> states = List.of();
    private volatile Instant checkedAt;
    private Set<RegionLinks.Link> unneededBefore = Set.of();

    public RegionLinkKeeper(Regions regions, RegionLinks links, LinkNeeds needs, MeterRegistry meters) {
        super("sluice-region-links", "keep the region links", Duration.ZERO, PERIOD);
        this.regions = regions;
        this.links = links;
        this.needs = needs;
        this.up = MultiGauge.builder("sluice.region.link.up")
                .description("1 while the link that brings a source's events into a region runs, else 0")
                .register(meters);
        this.backlog = MultiGauge.builder("sluice.region.link.backlog").baseUnit("events")
                .description("Events kept in the source's home region that the link has not yet brought over "
                        + "(NaN while that region cannot be asked)")
                .register(meters);
    }

    /**
     * Sets up {@code link} now and waits up to {@code wait} for it to run, as a deploy does before a flow runs
     * outside its source's home region.
     *
     * @return the link's state then: running, or why not
     */
    public RegionLinks.LinkState prepare(RegionLinks.Link link, Duration wait) {
        try {
            links.link(link);
        } catch (IOException | IllegalArgumentException e) {
            return new RegionLinks.LinkState(link, RegionLinks.State.DOWN, -1, e.getMessage());
        }
        Instant deadline = Instant.now().plus(wait);
        RegionLinks.LinkState state = links.state(link);
        while (state.state() != RegionLinks.State.RUNNING && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            state = links.state(link);
        }
        return state;
    }

    /** Sets up the links the flows need, removes the others, and records their states. */
    public synchronized void keep() {
        if (!regions.several()) {
            return;
        }
        Set<RegionLinks.Link> needed = Set.copyOf(needs.needed());
        Set<RegionLinks.Link> existing = new HashSet<>();
        for (Region region : regions.all()) {
            if (region.linkable()) {
                try {
                    existing.addAll(links.linksInto(region.name()));
                } catch (IOException e) {
                    log.warn("Could not list the links into region {}: {}", region.name(), e.getMessage());
                }
            }
        }
        for (RegionLinks.Link link : needed) {
            if (!existing.contains(link)) {
                try {
                    links.link(link);
                    log.info("Linked {} from region {} into {}", link.source(), link.home(), link.region());
                } catch (IOException | IllegalArgumentException e) {
                    log.warn("Could not link {} from region {} into {}: {}", link.source(), link.home(),
                            link.region(), e.getMessage());
                }
            }
        }
        Set<RegionLinks.Link> unneeded = new HashSet<>(existing);
        unneeded.removeAll(needed);
        for (RegionLinks.Link link : unneeded) {
            if (unneededBefore.contains(link)) {
                try {
                    links.unlink(link);
                    log.info("Removed the link of {} from region {} into {}: no flow there needs it", link.source(),
                            link.home(), link.region());
                } catch (IOException | IllegalArgumentException e) {
                    log.warn("Could not remove the link of {} into {}: {}", link.source(), link.region(),
                            e.getMessage());
                }
            }
        }
        unneededBefore = unneeded;
        List<RegionLinks.LinkState> now = new ArrayList<>();
        for (RegionLinks.Link link : needed) {
            now.add(links.state(link));
        }
        now.sort(Comparator.comparing((RegionLinks.LinkState state) -> state.link().source())
                .thenComparing(state -> state.link().region()));
        states = List.copyOf(now);
        checkedAt = Instant.now();
        up.register(now.stream().map(state -> MultiGauge.Row.of(tags(state.link()),
                state.state() == RegionLinks.State.RUNNING ? 1 : 0)).toList(), true);
        // an unknown backlog (its region unreachable) is NaN rather than no sample: a series that vanishes while
        // the region is down would hide it from the very alerts and graphs that should show it
        backlog.register(now.stream().map(state -> MultiGauge.Row.of(tags(state.link()),
                state.backlog() >= 0 ? state.backlog() : Double.NaN)).toList(), true);
    }

    private static Tags tags(RegionLinks.Link link) {
        return Tags.of("source", link.source(), "home", link.home(), "region", link.region());
    }

    /** The links the flows need, as last checked (every 15 s); empty with one region. */
    public List<RegionLinks.LinkState> states() {
        return states;
    }

    /** When the links were last checked, or null before the first time. */
    public Instant checkedAt() {
        return checkedAt;
    }

    @Override
    protected void runOnce() {
        keep();
    }
}
