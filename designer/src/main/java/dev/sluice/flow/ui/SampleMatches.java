package dev.sluice.flow.ui;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import dev.sluice.flow.Problems;
import dev.sluice.pipeline.EventPattern;

/**
 * Which of the source's sample events a pattern keeps, by the filter node's own matcher (the one the engine and
 * {@code POST /api/patterns/test} use): "Matching samples: 7 of 10", then each sample marked.
 */
class SampleMatches extends Div {

    private final String source;
    private final Supplier<List<JsonNode>> samples;
    private final Span count = new Span();
    private final Div list = new Div();
    private int matched;

    SampleMatches(String source, Supplier<List<JsonNode>> samples) {
        this.source = source;
        this.samples = samples;
        addClassName("pattern-samples");
        count.addClassName("pattern-sample-count");
        list.addClassName("pattern-sample-list");
        add(count, list);
    }

    void show(JsonNode pattern) {
        list.removeAll();
        matched = 0;
        List<JsonNode> events = samples.get();
        if (events.isEmpty()) {
            count.setText(source.isEmpty() ? getTranslation("pattern.samples.no-source")
                    : getTranslation("pattern.samples.none", source));
            return;
        }
        Optional<EventPattern> compiled = pattern == null ? Optional.empty()
                : EventPattern.compile(pattern, new Problems());
        for (JsonNode event : events) {
            boolean matches = compiled.isPresent() && event.isObject() && compiled.get().matches(event);
            matched += matches ? 1 : 0;
            Div row = new Div(new Span(matches ? "✔" : "✘"), new Span(SampleEvents.label(event)));
            row.addClassName("pattern-sample");
            row.addClassName(matches ? "pattern-sample-matched" : "pattern-sample-dropped");
            row.getElement().setAttribute("data-matched", String.valueOf(matches));
            row.getElement().setAttribute("title", getTranslation(matches ? "pattern.samples.kept"
                    : "pattern.samples.dropped"));
            list.add(row);
        }
        count.setText(compiled.isEmpty() ? getTranslation("pattern.samples.invalid", events.size())
                : getTranslation("pattern.samples.count", matched, events.size()));
    }

    int matched() {
        return matched;
    }

    String countText() {
        return count.getText();
    }
}
