package dev.sluice.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;

class PiiSampledCheckTest {

    private static final PiiTags TAGS = PrivacyFixtures.tags("user-center.users");

    @Test
    void findsAPhoneNumberSmuggledByAScriptPastTheGuard() {
        // The guard passes this flow for customer-service: the script only ever sees the masked phone.
        Flow flow = PrivacyFixtures.flow(PrivacyFixtures.FLOWS.resolve("17-template-after-mask.flow.json"));
        assertThat(PrivacyFixtures.check(flow)).isEmpty();
        SampledPiiCheck check = SampledPiiCheck.of(flow, TAGS, 1.0);
        // ...but at run time the output holds a clear number, from a field nobody tagged.
        JsonNode delivered = FlowJson.parse("""
                {"specversion": "1.0", "id": "e1", "source": "/user-center/users", "type": "user.created",
                 "data": {"call": "138****5678", "mail": "z***@example.com", "note": "or call 13912345678"}}""");

        List<PiiFinding> unexpected = check.unexpected("out", delivered);

        assertThat(unexpected).containsExactly(new PiiFinding("$.data.note", "phone"));
        assertThat(unexpected.toString()).doesNotContain("13912345678");
    }

    @Test
    void expectsClearValuesWhereTheGuardTracedThem() {
        Flow flow = PrivacyFixtures.flow(PrivacyFixtures.FLOWS.resolve("07-select-keeps-parent.flow.json"));
        SampledPiiCheck check = SampledPiiCheck.of(flow, TAGS, 1.0);
        JsonNode delivered = FlowJson.parse("""
                {"specversion": "1.0", "id": "e1", "source": "/user-center/users", "type": "user.created",
                 "subject": "13812345678",
                 "data": {"userId": "U1", "contact": {"phone": "13812345678", "email": "a@example.com"}}}""");

        assertThat(check.unexpected("out", delivered)).containsExactly(new PiiFinding("$.subject", "phone"));
    }

    @Test
    void aMaskThatDidNotHideAtRunTimeIsUnexpected() {
        Flow flow = PrivacyFixtures.sampleFlow("customer-service-contacts");
        SampledPiiCheck check = SampledPiiCheck.of(flow, TAGS, 1.0);
        JsonNode delivered = FlowJson.parse("""
                {"specversion": "1.0", "id": "e1", "source": "/user-center/users", "type": "user.created",
                 "data": {"userId": "U1", "contact": {"phone": "13812345678", "email": "z***@example.com"}}}""");

        assertThat(check.unexpected("desk", delivered)).containsExactly(new PiiFinding("$.data.contact.phone", "phone"));
    }

    @Test
    void samplesByEventIdDeterministicallyAtTheRate() {
        Flow flow = PrivacyFixtures.sampleFlow("customer-service-contacts");
        SampledPiiCheck tenPercent = SampledPiiCheck.of(flow, TAGS, 0.1);
        SampledPiiCheck none = SampledPiiCheck.of(flow, TAGS, 0);

        long sampled = IntStream.range(0, 10_000).filter(i -> tenPercent.sampled("event-" + i)).count();

        assertThat(sampled).isBetween(900L, 1100L);
        assertThat(IntStream.range(0, 100).allMatch(i -> tenPercent.sampled("event-" + i)
                == tenPercent.sampled("event-" + i))).isTrue();
        assertThat(IntStream.range(0, 1000).noneMatch(i -> none.sampled("event-" + i))).isTrue();
        assertThat(SampledPiiCheck.DEFAULT_RATE).isEqualTo(0.01);
        assertThatThrownBy(() -> SampledPiiCheck.of(flow, TAGS, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
