package dev.sluice.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecognizerTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            EMAIL       | user0@mail.example.cn        | true
            EMAIL       | zhang.san+cs@example.com     | true
            EMAIL       | not an address               | false
            EMAIL       | user@localhost               | false
            EMAIL       | @example.com                 | false
            PHONE       | 13812345678                  | true
            PHONE       | 19159083016                  | true
            PHONE       | +86 13812345678              | true
            PHONE       | +86-138-1234-5678            | true
            PHONE       | 008613812345678              | true
            PHONE       | 138 1234 5678                | true
            PHONE       | 12812345678                  | false
            PHONE       | 1381234567                   | false
            PHONE       | 138123456789                 | false
            PHONE       | 010-12345678                 | false
            NATIONAL_ID | 330108198511022463           | true
            NATIONAL_ID | 11010519491231002X           | true
            NATIONAL_ID | 11010519491231002x           | true
            NATIONAL_ID | 330108198511022464           | false
            NATIONAL_ID | 110105194912310021           | false
            NATIONAL_ID | 330108198502302463           | false
            NATIONAL_ID | 440308209912311239           | false
            NATIONAL_ID | 33010819851102246            | false
            BANK_CARD   | 4111111111111111             | true
            BANK_CARD   | 4111 1111 1111 1111          | true
            BANK_CARD   | 6212260200001234562          | true
            BANK_CARD   | 378282246310005              | true
            BANK_CARD   | 4111111111111112             | false
            BANK_CARD   | 6222975432319487574          | false
            BANK_CARD   | 411111111111                 | false
            BANK_CARD   | 1111111111111117             | false
            IBAN        | GB82WEST12345698765432       | true
            IBAN        | DE89 3704 0044 0532 0130 00  | true
            IBAN        | GB82WEST12345698765433       | false
            IBAN        | GB83WEST12345698765432       | false
            IBAN        | XX00                         | false
            """)
    void recognizesOnlyValuesThatPassTheirCheck(Recognizer recognizer, String value, boolean expected) {
        assertThat(recognizer.matches(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Call 13812345678 after six                  | phone
            身份证330108198511022463已核验                 | national-id
            card 4111-1111-1111-1111 expires            | bank-account
            write to zhang.san@example.com, thanks      | email
            pay to GB82 WEST 1234 5698 7654 32 today    | bank-account
            id 330108198511022464 has a wrong check     | ''
            order 20261120080001 at 1732089600000       | ''
            """)
    void findsValuesInsideLongerText(String text, String tag) {
        assertThat(PiiScanner.tagsIn(text)).containsExactlyElementsOf(tag.isEmpty() ? java.util.List.of()
                : java.util.List.of(tag));
    }
}
