package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.broker.BrokerConnection;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.privacy.SourcePrivacy;
import dev.sluice.source.SourceStewardship;

/** The preview panel on the recent events of the flow's source, browserless, as the finance steward. */
@WithMockUser(username = "finance")
class RecentEventsPreviewViewsIT extends DemoDesignerTest {

    private static final String NATIONAL_ID = "330108199611071208";
    private static final String BANK_ACCOUNT = "6222975432319487574";

    @Autowired
    SourceStewardship stewardship;

    @Autowired
    SourcePrivacy privacy;

    @Autowired
    BrokerConnection broker;

    @Test
    void aStewardPicksARecentEventOfTheSourceSeesItMaskedAndPreviewsIt() throws Exception {
        String source = sourceGrantedToFinance("it.preview.recent");
        PreviewPanel preview = previewOfAFlowReading(source);

        chooseRecentEvents();
        assertThat(notice()).contains("No events published to " + source + " yet");

        publish(source, "r1");
        publish(source, "r2");
        test($(Button.class).id("preview-refresh")).click();

        assertThat(notice()).isEmpty();
        assertThat(recentEvents().getListDataView().getItems().map(e -> e.path("id").asText()))
                .containsExactly("r2", "r1");
        preview.selectSample(0);
        String picked = $(TextArea.class).id("preview-event").getValue();
        assertThat(picked).contains("\"r2\"", "[hidden: national-id]", "[hidden: bank-account]")
                .doesNotContain(NATIONAL_ID, BANK_ACCOUNT);
        preview.run();
        String shown = $(Div.class).id("preview-result").getElement().getOuterHTML();
        assertThat(shown).contains("ledger").doesNotContain(BANK_ACCOUNT, NATIONAL_ID);
    }

    @Test
    void theChoiceNamesTheSourceAndSamplesStayOneClickAway() {
        String source = sourceGrantedToFinance("it.preview.named");
        previewOfAFlowReading(source);

        @SuppressWarnings("unchecked")
        RadioButtonGroup<PreviewEventPicker.Origin> origin = $(RadioButtonGroup.class).id("preview-origin");
        assertThat(origin.getItemLabelGenerator().apply(PreviewEventPicker.Origin.RECENT))
                .isEqualTo("Recent events of " + source);
        chooseRecentEvents();
        origin.setValue(PreviewEventPicker.Origin.SAMPLES);

        assertThat(recentEvents().getListDataView().getItemCount()).isPositive();
        assertThat($(Button.class).withId("preview-refresh").exists()).isFalse();
    }

    private PreviewPanel previewOfAFlowReading(String source) {
        FlowRef flow = store.importFlow("finance", FlowDesignerViewsIT.PAYMENT_FLOW
                .formatted("preview-" + source).replace("user-center.users", source), "test fixture");
        navigate("flows/" + flow.id(), FlowEditorView.class);
        $(TabSheet.class).single().setSelectedIndex(2);
        return $(PreviewPanel.class).single();
    }

    @SuppressWarnings("unchecked")
    private void chooseRecentEvents() {
        RadioButtonGroup<PreviewEventPicker.Origin> origin = $(RadioButtonGroup.class).id("preview-origin");
        origin.setValue(PreviewEventPicker.Origin.RECENT);
    }

    @SuppressWarnings("unchecked")
    private ComboBox<JsonNode> recentEvents() {
        return $(ComboBox.class).id("preview-sample");
    }

    /** What the picker says instead of events; empty while it shows some (queries find visible components only). */
    private String notice() {
        return $(Div.class).withId("preview-recent-notice").exists() ? $(Div.class).id("preview-recent-notice").getText()
                : "";
    }

    /** A source of central-data with its personal fields tagged, granted to finance without clearance for them. */
    private String sourceGrantedToFinance(String prefix) {
        String source = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        stewardship.register("central", source, "preview fixture", "central-data", List.of("user.payment.updated"));
        stewardship.grant("central", source, "finance");
        privacy.setTags("central", source, java.util.Map.of("$.data.payment.bankAccount", "bank-account",
                "$.data.nationalId", "national-id"));
        return source;
    }

    /** As a publisher does over AMQP, bypassing Sluice. */
    private void publish(String source, String id) throws Exception {
        String event = """
                {"specversion": "1.0", "id": "%s", "source": "/user-center/users", "type": "user.payment.updated",
                 "subject": "U100002", "time": "2026-11-20T08:02:00Z",
                 "data": {"userId": "U100002", "nationalId": "%s",
                          "payment": {"bankAccount": "%s", "currency": "CNY"}}}"""
                .formatted(id, NATIONAL_ID, BANK_ACCOUNT);
        try (Channel channel = broker.openChannel()) {
            channel.confirmSelect();
            channel.basicPublish(source, "user.payment.updated", new AMQP.BasicProperties.Builder().deliveryMode(2)
                    .build(), event.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }
    }
}
