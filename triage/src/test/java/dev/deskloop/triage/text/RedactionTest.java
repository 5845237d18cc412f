package dev.deskloop.triage.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void redactsEmailAddresses() {
        assertThat(Redaction.redact("write to lisa.warren+ops@example.co.uk today"))
                .isEqualTo("write to [email] today");
    }

    @Test
    void redactsPhoneNumbersInCommonFormats() {
        assertThat(Redaction.redact("call 555-0177 or +1 (555) 201-4477 or +15552014477 or 020 7946 0958"))
                .isEqualTo("call [phone] or [phone] or [phone] or [phone]");
    }

    @Test
    void redactsCardNumbersThatPassTheLuhnCheck() {
        assertThat(Redaction.redact("card 4242 4242 4242 4242 and 5555-5555-5555-4444"))
                .isEqualTo("card [card] and [card]");
    }

    @Test
    void redactsSecretsAndTokens() {
        String text = "key sk-proj-AbC123xyz987654321 header Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc123 "
                + "api_key=tw_live_8f2a1c9e password: hunter22 token ghp_0123456789abcdefghijABCDEFGHIJ";

        String redacted = Redaction.redact(text);

        assertThat(redacted).doesNotContain("sk-proj").doesNotContain("eyJhbGci").doesNotContain("tw_live_8f2a")
                .doesNotContain("hunter22").doesNotContain("ghp_0123").contains("[secret]");
    }

    @Test
    void keepsDatesTimesVersionsAndAmounts() {
        String text = "Since 2026-03-14 at 09:30, version 5.14.2, invoice total $1,204.33, 12 users, HTTP 500";

        assertThat(Redaction.redact(text)).isEqualTo(text);
    }

    @Test
    void leavesNumbersThatFailTheLuhnCheck() {
        assertThat(Redaction.redact("order 1234 5678 9012 3456")).doesNotContain("[card]");
    }
}
