package dev.sluice.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;

/** The shipped templates: each says what it does, passes the check and renders a sample event to JSON. */
class TemplateLibraryTest {

    private static final JsonNode PROFILE = FlowJson.parse("""
            {"specversion": "1.0", "id": "4f42", "source": "/user-center/users", "type": "user.profile.updated",
             "subject": "U100003", "time": "2026-11-20T08:03:00Z", "datacontenttype": "application/json",
             "data": {"userId": "U100003", "changedAt": "2026-11-20T08:03:00Z", "name": "杨娜", "gender": "F",
                      "birthDate": "1991-07-02", "nationalId": "330108199107029676",
                      "contact": {"phone": "13895559797", "email": "user3@example.com",
                                  "address": {"province": "广东省", "city": "深圳市", "street": "南山区科技园南路8号",
                                              "postcode": "830901"}},
                      "changedFields": ["name", "contact.phone"]}}""");

    static java.util.List<String> names() {
        return TemplateRenderer.libraryNames();
    }

    @Test
    void shipsTheFourLibraryTemplates() {
        assertThat(TemplateRenderer.libraryNames()).containsExactly("customer-service-contact-card",
                "eventmesh-jsonpath", "finance-payment-record", "pii-free-summary");
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyLibraryTemplateSaysWhatItDoesAndPassesTheCheck(String name) {
        String text = TemplateRenderer.library(name).orElseThrow();

        assertThat(text).startsWith("#*\n  " + name + " — ");
        assertThat(TemplateRenderer.shared().check(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../templates/x", "Finance", "", "a/b"})
    void findsNoLibraryTemplateOutsideTheLibrary(String name) {
        assertThat(TemplateRenderer.library(name)).isEmpty();
    }

    @Test
    void contactCardMasksPhoneAndEmailAndLeavesOutAddressAndIdentity() throws TemplateFailure {
        assertThat(render("customer-service-contact-card", Map.of())).isEqualTo(FlowJson.parse("""
                {"card": "contact", "userId": "U100003", "name": "杨娜", "phone": "138****9797",
                 "email": "u****@example.com", "province": "广东省", "city": "深圳市",
                 "updatedAt": "2026-11-20T08:03:00Z"}"""));
    }

    @Test
    void piiFreeSummaryNamesFieldsButCarriesNoValues() throws TemplateFailure {
        JsonNode summary = render("pii-free-summary", Map.of());

        assertThat(summary).isEqualTo(FlowJson.parse("""
                {"eventId": "4f42", "type": "user.profile.updated", "source": "/user-center/users",
                 "time": "2026-11-20T08:03:00Z",
                 "fields": ["userId", "changedAt", "name", "gender", "birthDate", "nationalId", "contact", "changedFields"],
                 "changedFields": ["name", "contact.phone"]}"""));
        assertThat(summary.toString()).doesNotContain("杨娜", "13895559797", "330108199107029676");
    }

    @Test
    void financeRecordWritesNullForWhatTheEventLacks() throws TemplateFailure {
        JsonNode record = render("finance-payment-record", Map.of());

        assertThat(record.get("bankAccount").isNull()).isTrue();
        assertThat(record.get("userId").asText()).isEqualTo("U100003");
    }

    private static JsonNode render(String name, Map<String, JsonNode> variables) throws TemplateFailure {
        return FlowJson.parse(TemplateRenderer.shared()
                .compile(TemplateRenderer.library(name).orElseThrow(), name).render(PROFILE, variables));
    }
}
