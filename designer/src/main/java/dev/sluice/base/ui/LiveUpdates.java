package dev.sluice.base.ui;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.shared.communication.PushMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Keeps what an open view shows up to date without the user pressing Refresh: every {@code sluice.ui.live-interval}
 * (3 s by default) each subscribed component's refresh runs in its UI's session and the change reaches the browser
 * by server push. With {@code sluice.ui.push=false} (a proxy that drops WebSockets and long polling alike) the
 * browser polls at the same interval instead, while such a component is shown.
 * <p>
 * A refresh should compare and change only what changed: it runs every few seconds for as long as the view is open.
 */
@Service
public class LiveUpdates implements VaadinServiceInitListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    private final Duration interval;
    private final boolean push;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sluice-live-updates").factory());

    LiveUpdates(@Value("${sluice.ui.live-interval:PT3S}") Duration interval,
                @Value("${sluice.ui.push:true}") boolean push) {
        this.interval = interval;
        this.push = push;
        ticker.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        if (push) {
            event.getSource().addUIInitListener(init -> init.getUI().getPushConfiguration()
                    .setPushMode(PushMode.AUTOMATIC));
        }
    }

    /**
     * Runs {@code refresh} every interval while {@code component} is attached, in its UI's session; returns the
     * registration that stops it for good.
     */
    public Registration keepFresh(Component component, Runnable refresh) {
        Subscription[] current = new Subscription[1];
        Runnable start = () -> component.getUI().ifPresent(ui -> {
            current[0] = new Subscription(ui, refresh, new AtomicBoolean());
            subscriptions.add(current[0]);
            if (!push) {
                ui.setPollInterval((int) interval.toMillis());
            }
        });
        Runnable stop = () -> {
            if (current[0] != null) {
                subscriptions.remove(current[0]);
                if (!push && subscriptions.stream().noneMatch(s -> s.ui() == current[0].ui())) {
                    current[0].ui().setPollInterval(-1);
                }
                current[0] = null;
            }
        };
        if (component.isAttached()) {
            start.run();
        }
        Registration attach = component.addAttachListener(attached -> start.run());
        Registration detach = component.addDetachListener(detached -> stop.run());
        return () -> {
            attach.remove();
            detach.remove();
            stop.run();
        };
    }

    /** How many components are kept fresh now: one per open view that asked, across all sessions. */
    public int subscriptions() {
        return subscriptions.size();
    }

    private void tick() {
        for (Subscription subscription : subscriptions) {
            UI ui = subscription.ui();
            if (ui.isClosing() || ui.getSession() == null) {
                subscriptions.remove(subscription);
                continue;
            }
            // a refresh still waiting for its session (a slow request holds the lock) is not queued twice
            if (!subscription.pending().compareAndSet(false, true)) {
                continue;
            }
            try {
                ui.access(() -> {
                    subscription.pending().set(false);
                    try {
                        subscription.refresh().run();
                    } catch (RuntimeException failed) {
                        log.warn("A live refresh failed; it runs again at the next tick", failed);
                    }
                });
            } catch (RuntimeException detached) {
                subscriptions.remove(subscription);
            }
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
    }

    /**
     * Queues every refresh now, as the next tick would; each runs when its session is free (at once in a test that
     * holds the session and then runs its pending access tasks).
     */
    public void refreshNow() {
        tick();
    }

    private record Subscription(UI ui, Runnable refresh, AtomicBoolean pending) {
    }
}
