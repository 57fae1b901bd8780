package dev.sluice.region;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import com.rabbitmq.client.Channel;

/**
 * Brings a source's events from its home region into another region: a queue at home, bound to the source's
 * exchange, keeps every event for the other region, and a dynamic shovel run by the other region's cluster (set up
 * through its management API) moves them, in order, into the same exchange there. While the other region is down or
 * unreachable the queue at home fills; the shovel catches up once it is back, acknowledging at home only what the
 * other region confirmed.
 */
public final class RegionLinks {

    private final BrokerManagement here;
    private final String vhost;
    private final String prefix;

    /**
     * @param here   the management API of the region the events are brought into
     * @param prefix starts the names of the queues Sluice declares (as the engine's {@code sluice.engine.prefix})
     */
    public RegionLinks(BrokerManagement here, String vhost, String prefix) {
        this.here = here;
        this.vhost = vhost;
        this.prefix = prefix;
    }

    /** The queue in the source's home region that keeps its events for {@code region}. */
    public String bufferQueue(String source, String region) {
        return prefix + ".link." + source + ".to." + region;
    }

    static String shovelName(String source) {
        return "sluice-link-" + source;
    }

    /**
     * Links {@code source} from its home region, reached through {@code home} (a channel) and {@code homeAmqpUri}
     * (by the shovel), into {@code region}, this one. Idempotent. The source's exchange must exist here.
     */
    public void link(Channel home, String homeAmqpUri, String source, String region) throws IOException {
        String buffer = bufferQueue(source, region);
        home.exchangeDeclare(source, "topic", true);
        home.queueDeclare(buffer, true, false, false, Map.of("x-queue-type", "quorum"));
        home.queueBind(buffer, source, "#");
        here.putShovel(vhost, shovelName(source), homeAmqpUri, buffer, source);
    }

    /** Stops bringing {@code source} into {@code region}; what its home region kept for it is dropped. */
    public void unlink(Channel home, String source, String region) throws IOException {
        here.deleteShovel(vhost, shovelName(source));
        home.queueDelete(bufferQueue(source, region));
    }

    /** The state of the link that brings {@code source} in, or empty while none is reported. */
    public Optional<BrokerManagement.Shovel> state(String source) throws IOException {
        return here.shovels(vhost).stream().filter(shovel -> shovel.name().equals(shovelName(source))).findFirst();
    }
}
