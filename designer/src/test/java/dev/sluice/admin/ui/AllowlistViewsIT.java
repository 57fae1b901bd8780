package dev.sluice.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.connection.HostAllowlist;

/** The connection allowlist on the administration page, browserless, as the platform admin. */
@WithMockUser(username = "admin")
class AllowlistViewsIT extends DemoDesignerTest {

    @Autowired
    HostAllowlist allowlist;

    @AfterEach
    void emptyAgain() {
        allowlist.replace("admin", Map.of(), false);
    }

    @Test
    void aBadEntryIsMarkedOnItsRowAndNothingIsSaved() {
        navigate("admin", AdminView.class);
        AllowlistEditor editor = $(AllowlistEditor.class).single();

        AllowlistEditor.Row good = editor.addRow("10.20.0.0/16", "ledger network");
        AllowlistEditor.Row bad = editor.addRow("ledger db!", "typo");
        editor.save();

        assertThat(editor.error()).contains("ledger db!");
        assertThat(bad.problem()).contains("ledger db!");
        assertThat(good.problem()).isNull();
        assertThat(allowlist.read("admin").entries()).isEmpty();
    }

    @Test
    void entriesWithNotesAndTheOnlyListedSwitchAreSaved() {
        navigate("admin", AdminView.class);
        AllowlistEditor editor = $(AllowlistEditor.class).single();

        editor.addRow("ledger-db.internal:5432", "the ledger's PostgreSQL");
        editor.addRow("127.0.0.1:8089", "a local test webhook");
        test($(com.vaadin.flow.component.checkbox.Checkbox.class).id("allowlist-only-listed")).click();
        editor.save();

        assertThat(editor.error()).isNull();
        HostAllowlist.Allowlist saved = allowlist.read("admin");
        assertThat(saved.onlyListed()).isTrue();
        assertThat(saved.entries()).extracting(HostAllowlist.Entry::entry, HostAllowlist.Entry::note)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("ledger-db.internal:5432", "the ledger's PostgreSQL"),
                        org.assertj.core.groups.Tuple.tuple("127.0.0.1:8089", "a local test webhook"));
        assertThat(editor.rows()).hasSize(2);
    }
}
