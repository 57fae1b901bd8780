package dev.sluice.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.FlowJson;

class PiiScannerTest {

    static List<JsonNode> samples() {
        try (InputStream in = PiiScannerTest.class.getResourceAsStream("/samples/user-center-events.jsonl")) {
            List<JsonNode> events = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    events.add(FlowJson.parse(line));
                }
            }
            return events;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void reportsPathsAndTagsButNeverValues() {
        JsonNode event = FlowJson.parse("""
                {"specversion": "1.0", "id": "e1", "source": "/crm", "type": "t", "subject": "13812345678",
                 "data": {"contacts": [{"phone": "+86 139 1234 5678"}, {"phone": "n/a", "mail": "li.si@example.com"}],
                          "note": "id 11010519491231002X", "count": 13812345678, "card": "4111111111111112"}}
                """);

        List<PiiFinding> findings = PiiScanner.scan(event);

        assertThat(findings).containsExactly(
                new PiiFinding("$.subject", "phone"),
                new PiiFinding("$.data.contacts[0].phone", "phone"),
                new PiiFinding("$.data.contacts[1].mail", "email"),
                new PiiFinding("$.data.note", "national-id"),
                new PiiFinding("$.data.count", "phone"));
        assertThat(findings.toString()).doesNotContain("13812345678", "1234 5678", "li.si", "1231002X");
    }

    @Test
    void aResidentIdThatAlsoPassesLuhnIsReportedOnlyAsANationalId() {
        String id = "330108198511021655";
        assertThat(Recognizer.BANK_CARD.matches(id)).isTrue();

        assertThat(PiiScanner.tagsIn(id)).containsExactly("national-id");
    }

    @Test
    void findsEveryResidentIdPhoneAndEmailInTheSixtySamplesAndNothingElse() {
        List<JsonNode> events = samples();
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode event : events) {
            for (PiiFinding finding : PiiScanner.scan(event)) {
                counts.merge(finding.path() + " " + finding.tag(), 1, Integer::sum);
            }
        }

        assertThat(events).hasSize(60);
        // 36 of each field are in the samples; their bank accounts fail the Luhn check, so none is a card number.
        assertThat(counts).isEqualTo(Map.of(
                "$.data.nationalId national-id", 36,
                "$.data.contact.phone phone", 36,
                "$.data.contact.email email", 36));
    }

    @Test
    void theSampleBankAccountsAreNotCardNumbers() {
        Set<Boolean> luhn = new java.util.HashSet<>();
        for (JsonNode event : samples()) {
            JsonNode account = event.path("data").path("payment").path("bankAccount");
            if (account.isTextual()) {
                luhn.add(Recognizer.luhn(account.asText()));
            }
        }
        assertThat(luhn).containsExactly(false);
    }
}
