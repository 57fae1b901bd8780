package dev.sluice.flow.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.react.ReactAdapterComponent;

import dev.sluice.engine.FlowHistory;
import dev.sluice.json.Json;

/**
 * A time chart of a flow's last hour (Chart.js in {@code frontend/flow-chart.tsx}): full with axes and legend in
 * the run panel, or a sparkline in a table row. The chart crosses as JSON text, as the canvas does.
 */
@NpmPackage(value = "chart.js", version = "4.5.1")
@JsModule("./flow-chart.tsx")
@Tag("sluice-flow-chart")
class FlowChart extends ReactAdapterComponent implements HasSize {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** One line: its legend, colour and what it plots of each sample. */
    record Line(String label, String color, ToDoubleFunction<FlowHistory.Sample> value) {
    }

    private String json = "";

    FlowChart() {
        addClassName("flow-chart");
    }

    /** Plots {@code lines} over the samples' times. */
    void show(List<FlowHistory.Sample> samples, List<Line> lines, String yTitle, boolean sparkline) {
        List<String> labels = new ArrayList<>();
        samples.forEach(sample -> labels.add(TIME.format(Instant.ofEpochMilli(sample.at()))));
        List<Map<String, Object>> series = new ArrayList<>();
        for (Line line : lines) {
            List<Double> values = new ArrayList<>();
            samples.forEach(sample -> values.add(Math.round(line.value().applyAsDouble(sample) * 100) / 100.0));
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("label", line.label());
            one.put("color", line.color());
            one.put("values", values);
            series.add(one);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", labels);
        chart.put("series", series);
        chart.put("yTitle", yTitle);
        chart.put("sparkline", sparkline);
        json = Json.MAPPER.valueToTree(chart).toString();
        setState("chart", json);
    }

    /** What the chart shows, as sent to the browser. */
    String chartJson() {
        return json;
    }
}
