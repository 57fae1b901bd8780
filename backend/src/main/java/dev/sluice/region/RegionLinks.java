package dev.sluice.region;

import java.io.IOException;
import java.util.Optional;

/**
 * Brings a source's events from its home region into another region by exchange federation, set up through the
 * other region's management API: an upstream per home region and a policy per federated exchange. The home cluster
 * then buffers the events in a queue of its own while the other region is unreachable, and the link catches up, in
 * order, once it is back.
 */
public final class RegionLinks {

    private final BrokerManagement downstream;
    private final String vhost;

    /** @param downstream the management API of the region the events are brought into */
    public RegionLinks(BrokerManagement downstream, String vhost) {
        this.downstream = downstream;
        this.vhost = vhost;
    }

    static String upstreamName(String homeRegion) {
        return "sluice-region-" + homeRegion;
    }

    static String policyName(String exchange) {
        return "sluice-federate-" + exchange;
    }

    /**
     * Federates {@code exchange} into this region from {@code homeRegion}'s cluster at {@code homeAmqpUri}. The
     * exchange must exist here; flows' queues bound to it then receive the home region's events.
     */
    public void link(String homeRegion, String homeAmqpUri, String exchange) throws IOException {
        downstream.putUpstream(vhost, upstreamName(homeRegion), homeAmqpUri);
        downstream.putFederationPolicy(vhost, policyName(exchange), exchange, upstreamName(homeRegion));
    }

    /** Stops bringing {@code exchange} in; what the home cluster buffered for this region is dropped there. */
    public void unlink(String exchange) throws IOException {
        downstream.deletePolicy(vhost, policyName(exchange));
    }

    /** Forgets the upstream of a home region once no exchange is linked from it. */
    public void forget(String homeRegion) throws IOException {
        downstream.deleteUpstream(vhost, upstreamName(homeRegion));
    }

    /** The state of the link that brings {@code exchange} in, or empty while none is reported. */
    public Optional<BrokerManagement.Link> state(String exchange) throws IOException {
        return downstream.links(vhost).stream().filter(link -> link.exchange().equals(exchange)).findFirst();
    }
}
