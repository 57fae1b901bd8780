package dev.sluice.region;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.sluice.broker.AmqpUris;

/**
 * Brings sources' events from their home region into other regions, through the clusters' management APIs: a quorum
 * queue at home, bound to the source's exchange, keeps every event for the other region, and a dynamic shovel run by
 * the other region's cluster moves them, in order, into the same exchange there (flows' queues in that region are
 * bound to it as at home). While the other region is down or unreachable the queue at home fills; the shovel catches
 * up once it is back, acknowledging at home only what the other region confirmed. Thread-safe.
 */
public final class RegionLinks {

    private static final String SHOVEL_PREFIX = "sluice-link.";

    private final Regions regions;
    private final String prefix;
    private final Map<String, BrokerManagement> managements = new ConcurrentHashMap<>();

    /**
     * @param prefix starts the names of the queues Sluice declares (as the engine's {@code sluice.engine.prefix})
     */
    public RegionLinks(Regions regions, String prefix) {
        this.regions = regions;
        this.prefix = prefix;
    }

    /** A source's events brought from its home region into {@code region}. */
    public record Link(String source, String home, String region) {

        public Link {
            if (home.equals(region)) {
                throw new IllegalArgumentException("a link joins two regions, not " + home + " with itself");
            }
        }
    }

    /** How a link is now: its state, the events waiting at home (-1 when unknown) and the last error, if any. */
    public record LinkState(Link link, State state, long backlog, String error) {
    }

    public enum State { RUNNING, STARTING, DOWN }

    /** The queue in the source's home region that keeps its events for {@code region}. */
    public String bufferQueue(String source, String region) {
        return prefix + ".link." + source + ".to." + region;
    }

    private static String shovelName(Link link) {
        return SHOVEL_PREFIX + link.home() + "." + link.source();
    }

    /**
     * Sets up the link (idempotent): the source's exchange in both regions, the queue at home and the shovel.
     *
     * @throws IOException when a region's cluster cannot be reached or refuses, saying which
     */
    public void link(Link link) throws IOException {
        Region home = linkable(link.home());
        Region there = linkable(link.region());
        String buffer = bufferQueue(link.source(), link.region());
        management(home).putTopicExchange(home.vhost(), link.source());
        management(home).putQuorumQueueBoundTo(home.vhost(), buffer, link.source());
        management(there).putTopicExchange(there.vhost(), link.source());
        management(there).putShovel(there.vhost(), shovelName(link), AmqpUris.split(home.amqpUri()), buffer,
                link.source());
    }

    /** Removes the link; what its home region kept for the other region is dropped. */
    public void unlink(Link link) throws IOException {
        Region home = linkable(link.home());
        Region there = linkable(link.region());
        management(there).deleteShovel(there.vhost(), shovelName(link));
        management(home).deleteQueue(home.vhost(), bufferQueue(link.source(), link.region()));
    }

    /** The link as the clusters report it now; never throws: an unreachable cluster makes it down, saying so. */
    public LinkState state(Link link) {
        State state;
        String error = null;
        try {
            Region there = linkable(link.region());
            BrokerManagement.Shovel shovel = management(there).shovels(there.vhost()).stream()
                    .filter(found -> found.name().equals(shovelName(link))).findFirst().orElse(null);
            if (shovel == null) {
                state = State.DOWN;
                error = "no link is set up in " + link.region();
            } else {
                state = shovel.running() ? State.RUNNING
                        : "starting".equals(shovel.state()) ? State.STARTING : State.DOWN;
                error = shovel.reason();
            }
        } catch (IOException | IllegalArgumentException e) {
            state = State.DOWN;
            error = e.getMessage();
        }
        long backlog = -1;
        try {
            Region home = linkable(link.home());
            backlog = management(home).queueDepth(home.vhost(), bufferQueue(link.source(), link.region()))
                    .orElse(-1);
        } catch (IOException | IllegalArgumentException e) {
            error = error == null ? e.getMessage() : error;
        }
        return new LinkState(link, state, backlog, error);
    }

    /** The links Sluice set up into {@code region}, as its cluster lists them. */
    public List<Link> linksInto(String region) throws IOException {
        Region there = linkable(region);
        List<Link> links = new ArrayList<>();
        for (BrokerManagement.Shovel shovel : management(there).shovels(there.vhost())) {
            String name = shovel.name();
            int dot = name.indexOf('.', SHOVEL_PREFIX.length());
            if (name.startsWith(SHOVEL_PREFIX) && dot > 0) {
                links.add(new Link(name.substring(dot + 1), name.substring(SHOVEL_PREFIX.length(), dot), region));
            }
        }
        return links;
    }

    private Region linkable(String name) {
        Region region = regions.find(name).orElseThrow(() -> new IllegalArgumentException("no region named "
                + name + " is configured (sluice.regions)"));
        if (!region.linkable()) {
            throw new IllegalArgumentException("region " + name + " has no amqp-uri or management-uri configured "
                    + "(sluice.regions), so it cannot be linked with others");
        }
        return region;
    }

    private BrokerManagement management(Region region) {
        return managements.computeIfAbsent(region.name(), name -> region.management());
    }
}
