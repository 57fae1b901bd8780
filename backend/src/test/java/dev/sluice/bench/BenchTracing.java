package dev.sluice.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import dev.sluice.tracing.EventTracing;

/**
 * Tracing as Spring Boot sets it up when an endpoint is configured (OpenTelemetry SDK, parent-based ratio sampler,
 * batch processor, OTLP/HTTP exporter), sending to a collector in this process that reads and drops each batch.
 */
final class BenchTracing implements AutoCloseable {

    private final HttpServer collector;
    private final OpenTelemetrySdk sdk;
    private final EventTracing tracing;
    private final AtomicLong exportedBytes = new AtomicLong();

    BenchTracing(double probability) throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            exportedBytes.addAndGet(exchange.getRequestBody().readAllBytes().length);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces").build();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(probability)))
                        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        io.opentelemetry.api.trace.Tracer otel = sdk.getTracer("sluice");
        tracing = new EventTracing(new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { }),
                new OtelPropagator(sdk.getPropagators(), otel));
    }

    EventTracing tracing() {
        return tracing;
    }

    long exportedBytes() {
        return exportedBytes.get();
    }

    @Override
    public void close() {
        sdk.close();
        collector.stop(0);
    }
}
