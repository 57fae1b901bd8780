package dev.sluice.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TraceLinksTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void linksATraceIdIntoTheConfiguredTracingUi() {
        assertThat(new TraceLinks("https://jaeger.example.com/trace/{traceId}").of(TRACE))
                .contains("https://jaeger.example.com/trace/" + TRACE);
    }

    @Test
    void linksNothingWithoutATracingUiOrAValidTraceId() {
        assertThat(new TraceLinks("").of(TRACE)).isEmpty();
        assertThat(new TraceLinks("https://jaeger.example.com/trace/{traceId}").of("javascript:alert(1)")).isEmpty();
        assertThat(new TraceLinks("https://jaeger.example.com/trace/{traceId}").of(null)).isEmpty();
    }

    @Test
    void refusesATemplateThatIsNoWebAddressOrHasNoPlaceForTheId() {
        assertThatThrownBy(() -> new TraceLinks("javascript:alert('{traceId}')"))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> new TraceLinks("https://jaeger.example.com/search"))
                .hasMessageContaining("{traceId}");
        assertThatThrownBy(() -> new TraceLinks("https://jaeger example/{traceId}")).hasMessageContaining("not a URL");
    }
}
