package dev.sluice.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;

class PiiTagSuggesterTest {

    @Test
    void proposesTagsForTheUserCenterFieldsWithCounts() {
        List<TagSuggestion> suggestions = TagSuggester.suggest(PiiScannerTest.samples());

        assertThat(suggestions).containsExactly(
                new TagSuggestion("$.data.contact.email", "email", 36, 36),
                new TagSuggestion("$.data.contact.phone", "phone", 36, 36),
                new TagSuggestion("$.data.nationalId", "national-id", 36, 36));
    }

    @Test
    void writesArrayElementsAsWildcardsAndCountsEventsNotValues() {
        List<TagSuggestion> suggestions = TagSuggester.suggest(List.of(
                FlowJson.parse("""
                        {"id": "1", "data": {"contacts": [{"phone": "13812345678"}, {"phone": "13912345678"}]}}"""),
                FlowJson.parse("""
                        {"id": "2", "data": {"contacts": [{"phone": "unknown"}]}}"""),
                FlowJson.parse("""
                        {"id": "3", "subject": "13812345678", "data": {"iban": "GB82WEST12345698765432"}}""")));

        assertThat(suggestions).containsExactly(
                new TagSuggestion("$.data.contacts[*].phone", "phone", 1, 2),
                new TagSuggestion("$.data.iban", "bank-account", 1, 1));
    }
}
