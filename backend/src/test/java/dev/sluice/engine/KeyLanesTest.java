package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import org.junit.jupiter.api.Test;

import dev.sluice.engine.FlowConsumers.Received;

class KeyLanesTest {

    private final List<Received> processed = new CopyOnWriteArrayList<>();
    private final KeyLanes lanes = new KeyLanes(received -> new String(received.delivery().getBody()).split(":")[0],
            processed::add, Runnable::run);

    @Test
    void anEventWaitsBehindTheUnsettledOneOfItsKeyWhileOtherKeysGoOn() {
        Received a1 = event(1, "a:1");
        Received b1 = event(2, "b:1");
        Received a2 = event(3, "a:2");
        lanes.offer(a1);
        lanes.offer(b1);
        lanes.offer(a2);
        assertThat(processed).containsExactly(a1, b1);
        assertThat(lanes.waiting()).isEqualTo(1);

        lanes.settled(b1);
        assertThat(processed).containsExactly(a1, b1);
        lanes.settled(a1);
        assertThat(processed).containsExactly(a1, b1, a2);
        assertThat(lanes.waiting()).isZero();
    }

    @Test
    void eventsOfAKeyRunInArrivalOrderOneAtATime() {
        List<Received> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(event(i + 1, "k:" + i));
            lanes.offer(events.getLast());
        }
        for (int i = 0; i < 5; i++) {
            assertThat(processed).containsExactlyElementsOf(events.subList(0, i + 1));
            lanes.settled(events.get(i));
        }
        lanes.offer(event(9, "k:again"));
        assertThat(processed).hasSize(6).as("a settled lane is free again");
    }

    @Test
    void settlingAnEventTheLanesNeverSawChangesNothing() {
        Received a1 = event(1, "a:1");
        lanes.offer(a1);
        lanes.settled(event(2, "a:2"));
        lanes.offer(event(3, "a:3"));
        assertThat(processed).containsExactly(a1);
    }

    @Test
    void anEventHandedBackForARetryGoesAheadOfItsKeyWhenItComesBackWhenEverItsHandingBackSettles() {
        Received a1 = event(1, "a:1", "m1");
        Received a2 = event(2, "a:2", "m2");
        lanes.offer(a1);
        lanes.offer(a2);
        lanes.awaitReturn(a1);
        Received a1Again = event(3, "a:1", "m1");
        lanes.offer(a1Again);
        assertThat(processed).as("back from the broker, it goes first").containsExactly(a1, a1Again);
        lanes.settled(a1);
        assertThat(processed).as("settling the handed-back delivery frees nothing").containsExactly(a1, a1Again);
        lanes.settled(a1Again);
        assertThat(processed).containsExactly(a1, a1Again, a2);
    }

    @Test
    void whileAnEventIsHandedBackItsKeysLaterEventsWait() {
        Received a1 = event(1, "a:1", "m1");
        lanes.offer(a1);
        lanes.awaitReturn(a1);
        lanes.settled(a1);
        Received a2 = event(2, "a:2", "m2");
        lanes.offer(a2);
        assertThat(processed).containsExactly(a1);
        Received a1Again = event(3, "a:1", "m1");
        lanes.offer(a1Again);
        assertThat(processed).containsExactly(a1, a1Again);
        lanes.settled(a1Again);
        assertThat(processed).containsExactly(a1, a1Again, a2);
    }

    private static Received event(long tag, String body, String messageId) {
        return new Received(null, new Delivery(new Envelope(tag, false, "", "q"),
                new AMQP.BasicProperties.Builder().messageId(messageId).build(), body.getBytes()));
    }

    private static Received event(long tag, String body) {
        return new Received(null, new Delivery(new Envelope(tag, false, "", "q"), new AMQP.BasicProperties(),
                body.getBytes()));
    }
}
