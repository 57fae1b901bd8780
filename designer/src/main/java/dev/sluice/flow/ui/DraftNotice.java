package dev.sluice.flow.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import dev.sluice.flowstore.FlowDraftCopy;

/**
 * Says that the editor shows the user's kept draft rather than the saved version, from when, and whether someone
 * saved a version since; offers to discard it.
 */
class DraftNotice extends Div {

    /** As the history shows when versions were saved. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    DraftNotice(FlowDraftCopy draft, Runnable discard) {
        setId("draft-notice");
        addClassName("draft-notice");
        getStyle().set("display", "flex").set("flex-wrap", "wrap").set("align-items", "baseline")
                .set("gap", "var(--lumo-space-s)").set("padding", "var(--lumo-space-xs) var(--lumo-space-m)")
                .set("background", "var(--lumo-primary-color-10pct)").set("border-radius", "var(--lumo-border-radius-m)");
        Span text = new Span(getTranslation("editor.draft.restored", WHEN.format(draft.savedAt())));
        text.setId("draft-notice-text");
        add(text);
        if (draft.outdated()) {
            Span outdated = new Span(getTranslation("editor.draft.outdated", draft.baseVersion(),
                    draft.latestVersion(), draft.latestSavedBy()));
            outdated.setId("draft-notice-outdated");
            add(outdated);
        }
        Button discardButton = new Button(getTranslation("editor.draft.discard"), click -> discard.run());
        discardButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        discardButton.setId("discard-draft");
        add(discardButton);
    }

}
