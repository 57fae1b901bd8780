package dev.sluice.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import dev.sluice.cloudevent.AmqpCloudEvents;
import dev.sluice.flow.Flow;
import dev.sluice.json.Json;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.ValidationContext;

/**
 * The compiled finance pipeline (source → filter → select → mask) against a baseline that only parses
 * each event and writes it back, both over the 60 sample events, one thread. Run with
 * {@code ./mvnw -q -pl backend -Pbench verify}; prints events/s per core for both and their ratio.
 * A benchmark, not a test: it never fails a build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineBenchmark {

    /** How ingest publishes: the engine reads each event as it would from the broker. */
    private static final AMQP.BasicProperties STRUCTURED = new AMQP.BasicProperties.Builder()
            .contentType("application/cloudevents+json").build();

    private static final ObjectMapper MAPPER = Json.MAPPER;
    static final int EVENTS = 60;

    private byte[][] events;
    private Pipeline pipeline;

    @Setup
    public void setUp() throws IOException {
        List<String> lines = resource("/samples/user-center-events.jsonl").lines().filter(l -> !l.isBlank()).toList();
        events = lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        // every sample event is a payment change in CNY here, so each one runs the whole pipeline
        for (int i = 0; i < events.length; i++) {
            ObjectNode event = (ObjectNode) MAPPER.readTree(events[i]);
            event.put("type", "user.payment.updated");
            events[i] = MAPPER.writeValueAsBytes(event);
        }
        Flow flow = new FlowValidator(NodeRegistry.builtIn()).read(resource("/flows/valid/finance-payment-sync.flow.json"),
                ValidationContext.standalone("finance"));
        pipeline = Pipeline.compile(flow, NodeRegistry.builtIn(),
                new CompileContext("finance", flow.name(), name -> Optional.of("bench-key".getBytes())));
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void parseAndSerializeOnly(Blackhole sink) throws IOException {
        for (byte[] event : events) {
            JsonNode tree = MAPPER.readTree(event);
            sink.consume(MAPPER.writeValueAsBytes(tree));
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void filterSelectMaskPipeline(Blackhole sink) throws Exception {
        for (byte[] event : events) {
            Map<String, List<ObjectNode>> deliveries = pipeline.run(AmqpCloudEvents.read(STRUCTURED, event).events().get(0));
            for (List<ObjectNode> outputs : deliveries.values()) {
                for (ObjectNode output : outputs) {
                    sink.consume(MAPPER.writeValueAsBytes(output));
                }
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PipelineBenchmark.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static void main(String[] args) throws Exception {
        var results = new Runner(new OptionsBuilder()
                .include(PipelineBenchmark.class.getName())
                .build()).run();
        double baseline = score(results, "parseAndSerializeOnly");
        double pipeline = score(results, "filterSelectMaskPipeline");
        System.out.printf("%nbaseline  parse+serialize : %,12.0f events/s per core%n", baseline);
        System.out.printf("pipeline  filter+select+mask: %,12.0f events/s per core%n", pipeline);
        System.out.printf("cost ratio pipeline/baseline: %.2fx (goal: at most 2x)%n", baseline / pipeline);
    }

    private static double score(java.util.Collection<RunResult> results, String benchmark) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + benchmark))
                .findFirst().orElseThrow()
                .getPrimaryResult().getScore();
    }
}
