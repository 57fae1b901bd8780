package dev.sluice.flow.ui;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import dev.sluice.flow.FlowJson;
import dev.sluice.flowstore.FlowStore;
import dev.sluice.flowstore.FlowTestReport;
import dev.sluice.json.Json;
import dev.sluice.pipeline.EventTrace;
import dev.sluice.pipeline.FlowTestRunner;

/**
 * Runs the flow as edited (not as saved) on a shipped sample, a recent event of its source or a pasted event and
 * shows what each node did, turns such a preview into a test of the flow, and runs the stored tests of the saved
 * version.
 */
class PreviewPanel extends VerticalLayout {

    private final EditorPanels.Context context;
    private final FlowStore store;
    private final PreviewEventPicker picker;
    private final TextArea pasted = new TextArea();
    private final Div result = new Div();
    private final Div tests = new Div();
    private final TextField testName = new TextField();
    private final Button saveAsTest = new Button();
    private final HorizontalLayout asTest = new HorizontalLayout(testName, saveAsTest);
    private final Div draftTests = new Div();
    private JsonNode previewed;
    private EventTrace trace;

    PreviewPanel(EditorPanels.Context context, FlowStore store, SampleEvents samples,
                 PreviewEventPicker.RecentEventsReader recent) {
        this.context = context;
        this.store = store;
        setPadding(false);
        picker = new PreviewEventPicker(samples.events(), () -> context.draft().get().sourceName(), recent,
                event -> pasted.setValue(NodeForm.pretty(event)));
        pasted.setLabel(getTranslation("preview.event"));
        pasted.setId("preview-event");
        pasted.setWidthFull();
        pasted.setMaxHeight("12em");
        Button run = new Button(getTranslation("preview.run"), VaadinIcon.PLAY.create(), click -> run());
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.setId("preview-run");
        result.setId("preview-result");
        Button runTests = new Button(getTranslation("preview.tests"), VaadinIcon.CHECK_SQUARE_O.create(),
                click -> runTests());
        runTests.setId("run-tests");
        tests.setId("test-results");
        testName.setLabel(getTranslation("preview.test-name"));
        testName.setId("preview-test-name");
        testName.setHelperText(getTranslation("preview.test-name-help"));
        testName.setWidthFull();
        saveAsTest.setText(getTranslation("preview.save-as-test"));
        saveAsTest.setIcon(VaadinIcon.PLUS.create());
        saveAsTest.setId("preview-save-as-test");
        saveAsTest.addClickListener(click -> saveAsTest());
        asTest.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        asTest.setWidthFull();
        asTest.setVisible(false);
        asTest.setId("preview-as-test");
        draftTests.setId("draft-tests");
        add(picker, pasted, run, result, asTest, draftTests, new H4(getTranslation("preview.stored-tests")),
                runTests, tests);
        showDraftTests();
    }

    void selectSample(int index) {
        picker.select(index);
    }

    void run() {
        result.removeAll();
        previewed = null;
        trace = null;
        asTest.setVisible(false);
        JsonNode event;
        try {
            event = FlowJson.parse(pasted.getValue().isBlank() ? "null" : pasted.getValue());
        } catch (RuntimeException unreadable) {
            result.add(problem(String.join("; ", Refusals.lines(unreadable))));
            return;
        }
        if (!event.isObject()) {
            result.add(problem(getTranslation("preview.pick")));
            return;
        }
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.set("flow", context.draft().get().tree());
        request.putArray("events").add(event);
        try {
            List<EventTrace> traces = store.dryRun(context.username(), request).results();
            traces.forEach(each -> result.add(render(each)));
            if (traces.size() == 1 && traces.getFirst().failedAt() == null) {
                previewed = event;
                trace = traces.getFirst();
                testName.setValue(freeTestName(event.path("id").asText("event")));
                testName.setInvalid(false);
                asTest.setVisible(true);
            }
        } catch (RuntimeException refused) {
            Refusals.lines(refused).forEach(line -> result.add(problem(line)));
        }
    }

    private Div render(EventTrace trace) {
        Div box = new Div();
        box.addClassName("trace");
        for (EventTrace.Step step : trace.steps()) {
            Div row = new Div();
            row.addClassName("trace-step");
            row.getElement().setAttribute("data-node", step.node());
            row.add(new H4(step.node()));
            if (step.error() != null) {
                row.add(problem(getTranslation("preview.error", step.error())));
            } else if (Boolean.TRUE.equals(step.dropped())) {
                Span dropped = new Span(getTranslation("preview.dropped", step.reason() == null ? "" : step.reason()));
                dropped.addClassName("dropped");
                row.add(dropped);
            } else if (step.outputs() != null) {
                step.outputs().forEach(output -> row.add(new Pre(NodeForm.pretty(output.path("data")))));
            }
            box.add(row);
        }
        if (trace.targets() != null && !trace.targets().isEmpty()) {
            Div delivered = new Div(new H4(getTranslation("preview.targets")));
            trace.targets().forEach((target, events) -> {
                Span name = new Span(target + ": " + getTranslation("preview.received", events.size()));
                delivered.add(name);
                events.forEach(e -> delivered.add(new Pre(NodeForm.pretty(e.path("data")))));
            });
            delivered.setId("preview-targets");
            box.add(delivered);
        }
        return box;
    }

    /**
     * Adds the last preview to the flow as a test: the event as input, what each target received as the
     * expectation. It lives in the draft until the flow is saved.
     */
    void saveAsTest() {
        String name = testName.getValue().strip();
        if (previewed == null || trace == null) {
            return;
        }
        if (name.isEmpty()) {
            testName.setErrorMessage(getTranslation("preview.test-name-required"));
            testName.setInvalid(true);
            return;
        }
        FlowDraft draft = context.draft().get();
        boolean replaced = draft.testNames().contains(name);
        draft.putTest(PreviewTest.of(name, previewed, trace, draft.targetIds()));
        testName.setInvalid(false);
        context.draftChanged().run();
        showDraftTests();
        Refusals.success(getTranslation(replaced ? "preview.test-replaced" : "preview.test-added", name));
    }

    private String freeTestName(String eventId) {
        List<String> taken = context.draft().get().testNames();
        String base = getTranslation("preview.test-default-name", eventId);
        String name = base;
        for (int n = 2; taken.contains(name); n++) {
            name = base + " (" + n + ")";
        }
        return name;
    }

    private void showDraftTests() {
        draftTests.removeAll();
        List<String> names = context.draft().get().testNames();
        if (!names.isEmpty()) {
            draftTests.add(new Span(getTranslation("preview.draft-tests", names.size(), String.join(", ", names))));
        }
    }

    void runTests() {
        tests.removeAll();
        try {
            FlowTestReport report = store.test(context.username(), context.flowId(), null);
            if (report.results().isEmpty()) {
                tests.add(new Span(getTranslation("preview.no-tests")));
            }
            for (FlowTestRunner.Result test : report.results()) {
                Span line = new Span((test.passed() ? "✔ " : "✘ ") + test.name()
                        + (test.passed() ? "" : ": " + String.join("; ", test.failures())));
                line.addClassName(test.passed() ? "test-passed" : "test-failed");
                tests.add(new Div(line));
            }
        } catch (RuntimeException refused) {
            Refusals.lines(refused).forEach(line -> tests.add(problem(line)));
        }
    }

    private static Div problem(String text) {
        Div div = new Div(text);
        div.addClassName("problem");
        return div;
    }
}
