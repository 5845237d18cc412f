package dev.deskloop.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.simulator.intercom.IntercomSignature;
import dev.deskloop.simulator.zendesk.ZendeskSettings.SignatureOrder;
import dev.deskloop.simulator.zendesk.ZendeskSignature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The documented test vectors (ZENDESK.md 3.3, INTERCOM.md 3.4). */
class SignatureTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void zendeskSignsTimestampThenBodyWithTheSecretAsIs() {
        assertThat(ZendeskSignature.sign("dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==", "2021-03-25T05:09:27Z",
            bytes("{\"event\":\"ticket.updated\",\"id\":123}"))).isEqualTo("S/RDdU2ERmj7LHDDoWJ2onPYH+t7/f2+LTM4dL7UiLM=");
    }

    @Test
    void zendeskOldPageVectorMatchesOnlyBodyThenTimestamp() {
        String secret = "HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=";
        byte[] body = bytes("{\"say\": \"hello\"}");
        assertThat(ZendeskSignature.sign(secret, "2021-07-25T10:00:00Z", body, SignatureOrder.BODY_TIMESTAMP))
            .isEqualTo("tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw=");
        assertThat(ZendeskSignature.sign(secret, "2021-07-25T10:00:00Z", body))
            .isEqualTo("Rry/4TtIdFyawtXXp8QdI6tlAUUQ/5kL1OTp5qo/ZIk=");
    }

    @Test
    void intercomSignsRawBodiesWithTheClientSecret() {
        assertThat(IntercomSignature.hubSignature("test_client_secret",
            bytes("{\"type\":\"notification_event\",\"app_id\":\"abc123\",\"id\":\"notif_1\",\"topic\":\"ping\"}")))
            .isEqualTo("sha1=7f4c29a3c9d7eb43dbea018112c1da474fccc9e6");
        assertThat(IntercomSignature.bodySignature("test_client_secret", bytes("{\"workspace_id\":\"abc123\",\"component_id\":\"run_analysis\"}")))
            .isEqualTo("26708a90b36953d7d5d60d190e6f83fcbfebd2aa787721729e05b3f190dea70a");
        assertThat(IntercomSignature.hubSignature("test_client_secret", bytes("{\"app_id\":\"abc123\"}")))
            .isEqualTo("sha1=361459112f7b3f15852d8dd306e72e83f6228fe5");
        assertThat(IntercomSignature.bodySignature("test_client_secret", bytes("{\"app_id\":\"abc123\"}")))
            .isEqualTo("7acb25c0550a5675494ac6cc6a6db6127352d3ffe0a962b0bef00344fc5b1675");
    }
}
