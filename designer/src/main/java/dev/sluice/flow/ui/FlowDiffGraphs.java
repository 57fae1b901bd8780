package dev.sluice.flow.ui;

import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.react.ReactAdapterComponent;

/** Two versions' graphs side by side, read-only, with their differences marked ({@code frontend/flow-diff.tsx}). */
@NpmPackage(value = "@xyflow/react", version = "12.10.0")
@JsModule("./flow-diff.tsx")
@Tag("sluice-flow-diff")
class FlowDiffGraphs extends ReactAdapterComponent implements HasSize {

    private String model = "";

    FlowDiffGraphs() {
        setId("version-diff-graphs");
    }

    /** Shows the model {@link VersionComparison#graphs} made. */
    void show(String modelJson) {
        model = modelJson;
        setState("diff", modelJson);
    }

    String model() {
        return model;
    }
}
