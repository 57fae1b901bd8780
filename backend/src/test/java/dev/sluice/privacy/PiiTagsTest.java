package dev.sluice.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;

class PiiTagsTest {

    @Test
    void readsPiiKeywordsFromASourceSchemaIncludingArraysAndLocalRefs() {
        PiiTags tags = SchemaTags.of("crm.contacts", FlowJson.parse("""
                {"type": "object",
                 "properties": {
                   "name": {"type": "string", "pii": "name"},
                   "owner": {"$ref": "#/$defs/person"},
                   "contacts": {"type": "array", "items": {"type": "object", "properties": {
                       "phone": {"type": "string", "pii": "phone"}, "kind": {"type": "string"}}}},
                   "odd key": {"type": "string", "pii": "medical-record"}},
                 "$defs": {"person": {"type": "object", "pii": "staff",
                                      "properties": {"email": {"type": "string", "pii": "email"}}}}}"""));

        assertThat(tags.fields()).isEqualTo(Map.of(
                "$.data.name", "name",
                "$.data.owner", "staff",
                "$.data.owner.email", "email",
                "$.data.contacts[*].phone", "phone",
                "$.data['odd key']", "medical-record"));
    }

    @Test
    void refusesPathsThatDoNotParseAndTagsThatAreNotLowercaseWords() {
        assertThatThrownBy(() -> new PiiTags("s", Map.of("data.phone", "phone")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must start with $");
        assertThatThrownBy(() -> new PiiTags("s", Map.of("$.data.phone", "Phone Number")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowercase word");
    }

    @Test
    void aTagAWorkspaceWasNotGrantedIsNone() {
        Clearance finance = PrivacyFixtures.clearance("finance");

        assertThat(finance.level("bank-account")).isEqualTo(Clearance.Level.MASKED);
        assertThat(finance.level("medical-record")).isEqualTo(Clearance.Level.NONE);
        assertThatThrownBy(() -> Clearance.Level.of("partly")).isInstanceOf(IllegalArgumentException.class);
    }
}
