package dev.sluice.flow.ui;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;

/**
 * Where the previewed event comes from: the samples shipped with the designer, or the events most recently
 * published to the flow's source (masked as the viewer may see them). Recent events are read when asked for,
 * since looking at them is audited.
 */
class PreviewEventPicker extends VerticalLayout {

    enum Origin { SAMPLES, RECENT }

    /** The recent events of a source as the current user may see them, newest first. */
    interface RecentEventsReader {
        List<JsonNode> read(String source) throws IOException;
    }

    private final List<JsonNode> samples;
    private final Supplier<Optional<String>> source;
    private final RecentEventsReader recent;
    private final RadioButtonGroup<Origin> origin = new RadioButtonGroup<>();
    private final ComboBox<JsonNode> events = new ComboBox<>();
    private final Button refresh = new Button();
    private final Div notice = new Div();

    /**
     * @param source the source the flow reads as edited now, if it names one
     * @param picked told of each event picked
     */
    PreviewEventPicker(List<JsonNode> samples, Supplier<Optional<String>> source, RecentEventsReader recent,
                       Consumer<JsonNode> picked) {
        this.samples = samples;
        this.source = source;
        this.recent = recent;
        setPadding(false);
        setSpacing(false);
        origin.setId("preview-origin");
        origin.setLabel(getTranslation("preview.origin"));
        origin.setItems(Origin.values());
        origin.setItemLabelGenerator(this::originLabel);
        origin.setValue(Origin.SAMPLES);
        origin.addValueChangeListener(change -> show(change.getValue()));
        events.setId("preview-sample");
        events.setWidthFull();
        events.addValueChangeListener(change -> {
            if (change.getValue() != null) {
                picked.accept(change.getValue());
            }
        });
        refresh.setText(getTranslation("preview.refresh"));
        refresh.setIcon(VaadinIcon.REFRESH.create());
        refresh.setId("preview-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        refresh.addClickListener(click -> show(Origin.RECENT));
        notice.setId("preview-recent-notice");
        notice.addClassName("form-hint");
        HorizontalLayout row = new HorizontalLayout(events, refresh);
        row.setWidthFull();
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.expand(events);
        add(origin, row, notice);
        show(Origin.SAMPLES);
    }

    void select(int index) {
        events.setValue(events.getListDataView().getItem(index));
    }

    private void show(Origin shown) {
        origin.setItemLabelGenerator(this::originLabel);
        events.clear();
        notice.setText("");
        notice.setVisible(false);
        refresh.setVisible(shown == Origin.RECENT);
        if (shown == Origin.SAMPLES) {
            events.setLabel(getTranslation("preview.sample"));
            events.setItemLabelGenerator(SampleEvents::label);
            events.setItems(samples);
            events.setEnabled(true);
            return;
        }
        events.setLabel(getTranslation("preview.recent"));
        events.setItemLabelGenerator(PreviewEventPicker::recentLabel);
        Optional<String> name = source.get();
        List<JsonNode> found = List.of();
        if (name.isEmpty()) {
            say(getTranslation("preview.recent-no-source"));
        } else {
            try {
                found = recent.read(name.get());
                if (found.isEmpty()) {
                    say(getTranslation("preview.recent-none", name.get()));
                }
            } catch (IOException unreachable) {
                say(getTranslation("preview.recent-unavailable", name.get()));
            } catch (RuntimeException refused) {
                say(String.join("; ", Refusals.lines(refused)));
            }
        }
        events.setItems(found);
        events.setEnabled(!found.isEmpty());
    }

    private void say(String text) {
        notice.setText(text);
        notice.setVisible(true);
    }

    private String originLabel(Origin each) {
        if (each == Origin.SAMPLES) {
            return getTranslation("preview.origin-samples");
        }
        return source.get().map(name -> getTranslation("preview.origin-recent", name))
                .orElseGet(() -> getTranslation("preview.origin-recent-unnamed"));
    }

    /** Its type, subject or id, and when it happened, so the newest can be told apart. */
    private static String recentLabel(JsonNode event) {
        String time = event.path("time").asText("");
        return SampleEvents.label(event) + (time.isEmpty() ? "" : " · " + time);
    }
}
