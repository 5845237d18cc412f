package dev.deskloop.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskloop.simulator.intercom.CustomerConversation;
import dev.deskloop.simulator.intercom.IntercomConversation;
import dev.deskloop.simulator.intercom.IntercomSettings;
import dev.deskloop.simulator.intercom.IntercomSignature;
import dev.deskloop.simulator.junit.SimulatorExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Intercom's OAuth, version header, writes as an admin, notifications (echoes included), retries and uninstall. */
class IntercomTest {

    static final AdjustableClock CLOCK = AdjustableClock.startingNow();

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = SimulatorExtension.withConfig(SimulatorConfig.defaults().withClock(CLOCK)
        .withIntercom(IntercomSettings.defaults().withDelivery(Duration.ofSeconds(60), Duration.ofHours(2), Duration.ofSeconds(2))));

    private WebhookReceiver receiver;

    @BeforeEach
    void receiver() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    private static HttpResponse<String> reply(Simulator sim, String token, String conversationId, String json) {
        return TestHttp.json("POST", sim.intercom().apiBaseUrl() + "/conversations/" + conversationId + "/reply", token, json,
            "Intercom-Version", "2.14");
    }

    @Test
    void tokenExchangeIsFormEncodedByDefaultAndCodesAreSingleUse(Simulator sim) {
        String token = Flows.intercomToken(sim);
        assertThat(TestHttp.get(sim.intercom().apiBaseUrl() + "/me", token).statusCode()).isEqualTo(200);
        HttpResponse<String> json = TestHttp.json("POST", sim.intercom().apiBaseUrl() + "/auth/eagle/token", null,
            "{\"code\":\"x\",\"client_id\":\"" + sim.intercom().clientId() + "\",\"client_secret\":\"" + sim.intercom().clientSecret() + "\"}");
        assertThat(json.statusCode()).isEqualTo(400);
        HttpResponse<String> badCode = TestHttp.form(sim.intercom().apiBaseUrl() + "/auth/eagle/token",
            "code=nope&client_id=" + sim.intercom().clientId() + "&client_secret=" + sim.intercom().clientSecret());
        assertThat(badCode.statusCode()).isEqualTo(401);
        assertThat(Flows.json(badCode).path("errors").path(0).path("message").stringValue()).isEqualTo("Unauthorized Code");
    }

    @Test
    void versionHeaderIsCheckedAndErrorsUseTheErrorList(Simulator sim) {
        String token = sim.intercom().issueToken();
        HttpResponse<String> bad = TestHttp.get(sim.intercom().apiBaseUrl() + "/me", token, "Intercom-Version", "9.9");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Flows.json(bad).path("errors").path(0).path("code").stringValue()).isEqualTo("intercom_version_invalid");
        assertThat(TestHttp.get(sim.intercom().apiBaseUrl() + "/me", token).statusCode()).isEqualTo(200);
        assertThat(TestHttp.get(sim.intercom().apiBaseUrl() + "/me", token, "Intercom-Version", "2.14").statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = TestHttp.get(sim.intercom().apiBaseUrl() + "/me", null);
        assertThat(Flows.json(anonymous).get("type").stringValue()).isEqualTo("error.list");
    }

    @Test
    void badRepliesAndAttributesAreRefusedWith400(Simulator sim) {
        String token = sim.intercom().issueToken();
        IntercomConversation c = sim.intercom().createConversation(CustomerConversation.of("Help", "Broken"));
        assertThat(reply(sim, token, c.id(), "{\"message_type\":\"note\",\"type\":\"admin\",\"body\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(reply(sim, token, c.id(), "{\"message_type\":\"shout\",\"type\":\"admin\",\"admin_id\":\"" + sim.intercom().adminId()
            + "\",\"body\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(reply(sim, token, c.id(), "{\"message_type\":\"note\",\"type\":\"admin\",\"admin_id\":\"" + sim.intercom().adminId()
            + "\",\"body\":\"" + "x".repeat(70_000) + "\"}").statusCode()).isEqualTo(400);
        assertThat(reply(sim, token, c.id(), "{\"message_type\":\"note\",\"type\":\"admin\",\"admin_id\":\"1\",\"body\":\"x\"}").statusCode())
            .isEqualTo(404);
        assertThat(reply(sim, token, c.id(), "not json").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = TestHttp.json("PUT", sim.intercom().apiBaseUrl() + "/conversations/" + c.id(), token,
            "{\"custom_attributes\":{\"nope\":\"x\"}}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json("PUT", sim.intercom().apiBaseUrl() + "/conversations/" + c.id(), token,
            "{\"custom_attributes\":{\"is_bug\":\"yes\"}}").statusCode()).isEqualTo(400);
        assertThat(sim.requests().forProvider("intercom")).noneMatch(r -> r.status() >= 500);
    }

    @Test
    void notesAndRepliesWeWriteComeBackAsSignedNotifications(Simulator sim) {
        sim.intercom().configureWebhook(receiver.url("/hooks/i"));
        String token = sim.intercom().issueToken();
        IntercomConversation c = sim.intercom().createConversation(CustomerConversation.of("Help", "Broken"));
        reply(sim, token, c.id(), "{\"message_type\":\"note\",\"type\":\"admin\",\"admin_id\":\"" + sim.intercom().adminId() + "\",\"body\":\"<p>Triage</p>\"}");
        reply(sim, token, c.id(), "{\"message_type\":\"comment\",\"type\":\"admin\",\"admin_id\":\"" + sim.intercom().adminId() + "\",\"body\":\"<p>Hi</p>\"}");
        sim.intercom().addCustomerReply(c.id(), "Thanks");
        sim.awaitDeliveries(Duration.ofSeconds(10));

        assertThat(receiver.received()).extracting(r -> Flows.json(new ZendeskFidelityTest.FakeResponse(200, r.bodyText()))
            .get("topic").stringValue()).containsExactly("ping", "conversation.user.created", "conversation.admin.noted",
            "conversation.admin.replied", "conversation.user.replied");
        for (WebhookReceiver.Received r : receiver.received()) {
            assertThat(r.header("x-hub-signature")).isEqualTo(IntercomSignature.hubSignature(sim.intercom().clientSecret(), r.body()));
        }
        JsonNode noted = Flows.json(new ZendeskFidelityTest.FakeResponse(200, receiver.received().get(2).bodyText()));
        assertThat(noted.get("type").stringValue()).isEqualTo("notification_event");
        assertThat(noted.get("app_id").stringValue()).isEqualTo(sim.intercom().appId());
        JsonNode part = noted.path("data").path("item").path("conversation_parts").path("conversation_parts").path(0);
        assertThat(part.path("part_type").stringValue()).isEqualTo("note");
        assertThat(part.path("app_package_code").stringValue()).isNotBlank();
    }

    @Test
    void aFailedNotificationIsRetriedOnceAfterAMinuteAnd410DisablesIt(Simulator sim) {
        sim.intercom().configureWebhook(receiver.url("/hooks/i"));
        sim.awaitDeliveries(Duration.ofSeconds(10));
        receiver.answer(500, 500);
        sim.intercom().createConversation(CustomerConversation.of("Help", "Broken"));
        sim.awaitDeliveries(Duration.ofSeconds(10));
        CLOCK.advance(Duration.ofSeconds(60));
        sim.awaitDeliveries(Duration.ofSeconds(10));
        CLOCK.advance(Duration.ofMinutes(10));
        sim.awaitDeliveries(Duration.ofSeconds(10));
        var attempts = sim.intercom().deliveries().stream().filter(d -> d.topic().equals("conversation.user.created")).toList();
        assertThat(attempts).extracting(Delivery::attempt).containsExactly(1, 2);
        assertThat(attempts.get(1).body()).contains("\"delivery_attempts\":2");
        assertThat(attempts).extracting(Delivery::deliveryId).containsOnly(attempts.getFirst().deliveryId());

        receiver.answer(410);
        sim.intercom().createConversation(CustomerConversation.of("Gone", "Gone"));
        sim.awaitDeliveries(Duration.ofSeconds(10));
        assertThat(sim.intercom().webhookUrl()).isEmpty();
    }

    @Test
    void webhookUrlMustAnswerHead(Simulator sim) {
        assertThatThrownBy(() -> sim.intercom().configureWebhook("http://127.0.0.1:1/nothing"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HEAD");
    }

    @Test
    void uninstallRevokesTheTokenAndNotifiesTheUninstallUrl(Simulator sim) {
        sim.intercom().configureUninstallUrl(receiver.url("/uninstall"));
        String token = sim.intercom().issueToken();
        HttpResponse<String> uninstalled = TestHttp.send("POST", sim.intercom().apiBaseUrl() + "/auth/uninstall", token,
            "application/json", null);
        assertThat(uninstalled.statusCode()).isEqualTo(200);
        assertThat(TestHttp.get(sim.intercom().apiBaseUrl() + "/me", token).statusCode()).isEqualTo(401);
        WebhookReceiver.Received notice = receiver.received().getFirst();
        assertThat(notice.bodyText()).isEqualTo("{\"app_id\":\"" + sim.intercom().appId() + "\"}");
        assertThat(notice.header("x-body-signature")).isEqualTo(IntercomSignature.bodySignature(sim.intercom().clientSecret(), notice.body()));
        assertThat(notice.header("x-hub-signature")).isEqualTo(IntercomSignature.hubSignature(sim.intercom().clientSecret(), notice.body()));
    }
}
