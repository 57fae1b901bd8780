package dev.sluice.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sluice.flow.FlowJson;

class PiiMaskHidingTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            bank-account | {"mode": "partial", "keepLast": 4}                  | true
            bank-account | {"mode": "partial", "keepFirst": 6, "keepLast": 4}  | true
            bank-account | {"mode": "partial", "keepLast": 5}                  | false
            bank-account | {"mode": "partial", "keepFirst": 7, "keepLast": 4}  | false
            bank-account | {"mode": "phone"}                                   | false
            bank-account | {"mode": "hash", "secret": "k"}                     | true
            phone        | {"mode": "phone"}                                   | true
            phone        | {"mode": "phone", "keepLast": 6}                    | false
            phone        | {"mode": "partial", "keepFirst": 3, "keepLast": 4}  | true
            phone        | {"mode": "email"}                                   | false
            email        | {"mode": "email"}                                   | true
            email        | {"mode": "email", "keepFirst": 3}                   | false
            email        | {"mode": "regex-replace", "pattern": "a", "replacement": "b"} | false
            national-id  | {"mode": "partial", "keepFirst": 1, "keepLast": 1}  | true
            national-id  | {"mode": "partial", "keepFirst": 6, "keepLast": 4}  | false
            national-id  | {"mode": "redact"}                                  | true
            name         | {"mode": "partial", "keepFirst": 1}                 | true
            name         | {"mode": "truncate", "maxLength": 1}                | true
            name         | {"mode": "truncate", "maxLength": 2}                | false
            address      | {"mode": "truncate", "maxLength": 6}                | true
            birth-date   | {"mode": "generalize", "to": "year"}                | true
            birth-date   | {"mode": "generalize", "to": "month"}               | false
            medical      | {"mode": "partial", "keepLast": 1}                  | false
            medical      | {"mode": "nullify"}                                 | true
            medical      | {"mode": "remove"}                                  | true
            """)
    void decidesWhichMaskRulesHideWhichTags(String tag, String rule, boolean hides) {
        assertThat(MaskHiding.hides(tag, FlowJson.parse(rule))).isEqualTo(hides);
    }
}
