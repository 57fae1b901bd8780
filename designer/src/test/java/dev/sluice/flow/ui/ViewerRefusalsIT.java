package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.audit.AuditLog;
import dev.sluice.audit.AuditQuery;
import dev.sluice.flowstore.FlowRef;

/** What the services refuse a viewer in the designer is recorded in the audit log, as the API's 403s are. */
@WithMockUser(username = "viewer", roles = "USER")
class ViewerRefusalsIT extends DemoDesignerTest {

    @Autowired
    AuditLog audit;

    @Test
    void aViewersRefusedSaveIsAudited() {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW.formatted("viewer-save"), "fixture");
        FlowEditorView editor = navigate("flows/" + flow.id(), FlowEditorView.class);

        editor.save();

        assertThat(audit.search("admin", new AuditQuery(null, null, "viewer", null, "ui.denied", null, null), 0, 50)
                .entries()).anySatisfy(entry -> {
                    assertThat(entry.objectId()).isEqualTo("/flows/" + flow.id());
                    assertThat(entry.outcome()).isEqualTo("DENIED");
                    assertThat(entry.details()).contains("viewer");
                });
    }
}
