package dev.sluice.flow.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.splitlayout.SplitLayout;

/**
 * Hides and shows the editor's side panel so the canvas can take the width; the browser remembers the choice
 * (localStorage), so the next editor opens the same way. The canvas re-centres itself when its width changes.
 */
final class SidePanelToggle extends Button {

    private static final String STORED = "sluice.editor.side-collapsed";
    private static final double SPLIT = 62;

    private final SplitLayout split;
    private final Component side;
    private boolean collapsed;

    private SidePanelToggle(SplitLayout split, Component side) {
        this.split = split;
        this.side = side;
        setId("toggle-side-panel");
        addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        addClickListener(click -> {
            show(!collapsed);
            getElement().executeJs("localStorage.setItem($0, $1)", STORED, String.valueOf(collapsed));
        });
        addAttachListener(attach -> getElement().executeJs("return localStorage.getItem($0)", STORED)
                .then(String.class, stored -> show("true".equals(stored))));
        show(false);
    }

    static SidePanelToggle of(SplitLayout split, Component side) {
        return new SidePanelToggle(split, side);
    }

    boolean isCollapsed() {
        return collapsed;
    }

    void show(boolean collapse) {
        collapsed = collapse;
        side.setVisible(!collapse);
        split.setSplitterPosition(collapse ? 100 : SPLIT);
        split.getElement().getClassList().set("side-collapsed", collapse);
        setIcon((collapse ? VaadinIcon.ANGLE_DOUBLE_LEFT : VaadinIcon.ANGLE_DOUBLE_RIGHT).create());
        String label = getTranslation(collapse ? "editor.side.show" : "editor.side.hide");
        setAriaLabel(label);
        setTooltipText(label);
    }
}
