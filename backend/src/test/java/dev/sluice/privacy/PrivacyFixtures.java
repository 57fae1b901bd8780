package dev.sluice.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.json.Json;

/** The privacy fixtures under src/test/resources/privacy: tags per source, clearance per workspace, the corpus. */
final class PrivacyFixtures {

    static final Path ROOT = Path.of("src/test/resources/privacy");
    static final Path FLOWS = ROOT.resolve("flows");

    private PrivacyFixtures() {
    }

    static PiiTags tags(String source) {
        return read(ROOT.resolve(source + ".tags.json"), new TypeReference<>() {
        });
    }

    static Clearance clearance(String workspace) {
        return read(ROOT.resolve(workspace + ".clearance.json"), new TypeReference<>() {
        });
    }

    static Flow flow(Path file) {
        return FlowJson.bind(FlowJson.parse(text(file)));
    }

    static Flow sampleFlow(String name) {
        return flow(Path.of("src/test/resources/flows/valid/" + name + ".flow.json"));
    }

    static String sourceOf(Flow flow) {
        return flow.nodes().stream().filter(n -> n.kind().equals("source")).findFirst().orElseThrow()
                .config().path("source").asText();
    }

    static List<Leak> check(Flow flow) {
        return LeakGuard.check(flow, tags(sourceOf(flow)), clearance(flow.workspace()));
    }

    static List<Leak> expectedLeaks(Path file) {
        return read(file, new TypeReference<>() {
        });
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(Path file, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(text(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
