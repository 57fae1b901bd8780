package dev.sluice.pipeline;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.sluice.json.Json;
import dev.sluice.sandbox.CompiledScript;
import dev.sluice.sandbox.ScriptFailure;
import dev.sluice.sandbox.ScriptSandbox;

/**
 * Starts the JavaScript engine once the application is ready, in the background, so the first script a steward
 * checks or previews does not wait seconds for GraalJS to start and lock a context down. Off with
 * {@code sluice.scripts.warm-up=false}.
 */
@Component
class ScriptWarmUp {

    private static final Logger log = LoggerFactory.getLogger(ScriptWarmUp.class);
    private static final String CODE = "function process(event) { event.data = {warm: true}; return event; }";

    private final boolean enabled;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    ScriptWarmUp(@Value("${sluice.scripts.warm-up:true}") boolean enabled) {
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (!enabled) {
            done.complete(null);
            return;
        }
        Thread.ofVirtual().name("sluice-script-warm-up").start(() -> {
            long started = System.nanoTime();
            try {
                ScriptSandbox sandbox = ScriptSandbox.shared();
                sandbox.check(CODE);
                try (CompiledScript script = sandbox.compile(CODE)) {
                    script.run(Json.MAPPER.createObjectNode().put("id", "warm-up"));
                }
                log.info("JavaScript sandbox warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
                done.complete(null);
            } catch (ScriptFailure | RuntimeException failed) {
                log.warn("Warming the JavaScript sandbox up failed; the first script will start it", failed);
                done.completeExceptionally(failed);
            }
        });
    }

    /** Completes once the engine is warm (or at once when warming up is off). */
    CompletableFuture<Void> done() {
        return done;
    }
}
