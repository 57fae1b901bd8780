package dev.sluice.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;

class PreviewMaskingTest {

    private static final PiiTags TAGS = PrivacyFixtures.tags("user-center.users");
    private static final Clearance FINANCE = PrivacyFixtures.clearance("finance");
    private static final JsonNode USER = FlowJson.parse("""
            {"specversion": "1.0", "id": "e1", "source": "/user-center/users", "type": "user.created",
             "data": {"userId": "U1", "name": "张三", "nationalId": "330108198511022463",
                      "contact": {"phone": "13812345678", "email": "zhang@example.com"},
                      "payment": {"bankAccount": "6222021234567890128"}}}""");

    @Test
    void hidesTaggedFieldsOfAnInputEventBeyondTheViewersClearance() {
        JsonNode shown = PreviewMasking.ofSource(TAGS, FINANCE).input(USER);

        assertThat(shown.at("/data/nationalId").asText()).isEqualTo("[hidden: national-id]");
        assertThat(shown.at("/data/name").asText()).isEqualTo("[hidden: name]");
        assertThat(shown.at("/data/contact/phone").asText()).isEqualTo("[hidden: phone]");
        assertThat(shown.at("/data/payment/bankAccount").asText()).isEqualTo("[hidden: bank-account]");
        assertThat(shown.at("/data/userId").asText()).isEqualTo("U1");
        assertThat(USER.at("/data/name").asText()).as("the original is left alone").isEqualTo("张三");
    }

    @Test
    void showsEverythingToAViewerClearedForEveryTag() {
        Map<String, Clearance.Level> all = new java.util.TreeMap<>();
        PiiTags.WELL_KNOWN.forEach(tag -> all.put(tag, Clearance.Level.CLEAR));

        JsonNode shown = PreviewMasking.ofSource(TAGS, new Clearance("central-data", all)).input(USER);

        assertThat(shown).isEqualTo(USER);
    }

    @Test
    void followsATaggedFieldThatARenameMovedAndKeepsAValueItsMaskHides() {
        Flow flow = PrivacyFixtures.flow(PrivacyFixtures.FLOWS.resolve("09-mask-then-rename.flow.json"));
        PreviewMasking masking = PreviewMasking.of(flow, TAGS, new Clearance("customer-service", Map.of()));
        JsonNode masked = FlowJson.parse("""
                {"id": "e1", "data": {"userId": "U1", "account": "***************0128"}}""");
        JsonNode renamedClear = FlowJson.parse("""
                {"id": "e1", "data": {"userId": "U1", "payment": {"bankAccount": "x"}}}""");

        assertThat(masking.leaving("move", masked).at("/data/account").asText())
                .as("masked by a mode that hides it, shown as the mask left it").isEqualTo("***************0128");
        assertThat(masking.leaving("split", renamedClear).at("/data/payment/bankAccount").asText())
                .isEqualTo("[hidden: bank-account]");
    }

    @Test
    void hidesRecognizablePersonalDataAScriptPutAnywhere() {
        Flow flow = PrivacyFixtures.flow(PrivacyFixtures.FLOWS.resolve("21-script-only.flow.json"));
        PreviewMasking masking = PreviewMasking.of(flow, TAGS, FINANCE);
        String script = flow.nodes().stream().filter(n -> n.kind().equals("script")).findFirst().orElseThrow().id();
        JsonNode output = FlowJson.parse("""
                {"id": "e1", "note": "call 13912345678", "data": {"userId": "U1", "x": {"y": "zhang@example.com"}}}""");

        JsonNode shown = masking.leaving(script, output);

        assertThat(shown.path("note").asText()).isEqualTo("[hidden: phone]");
        assertThat(shown.at("/data/x/y").asText()).isEqualTo("[hidden: email]");
        assertThat(shown.at("/data/userId").asText()).isEqualTo("U1");
    }

    @Test
    void hidesRecognizedValuesInAnEventThatIsNotJson() {
        String shown = PreviewMasking.ofSource(TAGS, FINANCE).inputText("{\"broken\": \"13812345678, id 330108198511022463");

        assertThat(shown).doesNotContain("13812345678", "330108198511022463")
                .contains("[hidden: phone]", "[hidden: national-id]");
    }
}
