package dev.deskloop.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.simulator.junit.SimulatorExtension;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskSettings;
import dev.deskloop.simulator.zendesk.ZendeskSignature;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Triggers and event subscriptions send signed webhooks, retried on the clock, with duplicates and reordering on demand. */
class ZendeskDeliveryTest {

    static final AdjustableClock CLOCK = AdjustableClock.startingNow();

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = SimulatorExtension.withConfig(SimulatorConfig.defaults().withClock(CLOCK)
        .withZendesk(ZendeskSettings.defaults().withDelivery(Duration.ofSeconds(2),
            List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(90)), false)));

    private static final String SUB = "hooli";
    private WebhookReceiver receiver;

    @BeforeEach
    void receiver() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    /** Registers a webhook plus a trigger for created and changed tickets, as Deskloop does; returns the secret. */
    private String connect(Simulator sim, String token) {
        String api = sim.zendesk().baseUrl(SUB) + "/api/v2";
        JsonNode webhook = Flows.json(TestHttp.json("POST", api + "/webhooks", token,
            "{\"webhook\":{\"name\":\"Deskloop\",\"endpoint\":\"" + receiver.url("/hooks/z") + "\",\"http_method\":\"POST\","
                + "\"request_format\":\"json\",\"status\":\"active\",\"subscriptions\":[\"conditional_ticket_events\"]}}")).get("webhook");
        String id = webhook.get("id").stringValue();
        String body = "{\\\"ticket_id\\\":\\\"{{ticket.id}}\\\",\\\"subject\\\":\\\"{{ticket.title}}\\\",\\\"updated_at\\\":\\\"{{ticket.updated_at_with_timestamp}}\\\"}";
        assertThat(TestHttp.json("POST", api + "/triggers", token, "{\"trigger\":{\"title\":\"Deskloop\",\"conditions\":{\"all\":[],"
            + "\"any\":[{\"field\":\"update_type\",\"operator\":\"is\",\"value\":\"Create\"},{\"field\":\"update_type\",\"operator\":\"is\","
            + "\"value\":\"Change\"}]},\"actions\":[{\"field\":\"notification_webhook\",\"value\":[\"" + id + "\",\"" + body + "\"]}]}}")
            .statusCode()).isEqualTo(201);
        return Flows.json(TestHttp.get(api + "/webhooks/" + id + "/signing_secret", token)).path("signing_secret").path("secret").stringValue();
    }

    @Test
    void triggerDeliveryIsSignedWithTheWebhooksSecret(Simulator sim) {
        String token = sim.zendesk().issueToken(SUB, "read write");
        String secret = connect(sim, token);
        ZendeskTicket t = sim.zendesk().createTicket(SUB, CustomerTicket.of("Pay \"now\" fails", "Card declined"));
        sim.awaitDeliveries(Duration.ofSeconds(10));

        WebhookReceiver.Received hook = receiver.received().getFirst();
        assertThat(hook.bodyText()).isEqualTo("{\"ticket_id\":\"" + t.id() + "\",\"subject\":\"Pay \\\"now\\\" fails\",\"updated_at\":\""
            + t.updatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}");
        String timestamp = hook.header("X-Zendesk-Webhook-Signature-Timestamp");
        assertThat(hook.header("X-Zendesk-Webhook-Signature")).isEqualTo(ZendeskSignature.sign(secret, timestamp, hook.body()));
        assertThat(hook.header("x-zendesk-webhook-id")).isNotBlank();
        assertThat(hook.header("x-zendesk-webhook-invocation-id")).isNotBlank();
        assertThat(hook.header("user-agent")).isEqualTo("Zendesk Webhook");
    }

    @Test
    void ourOwnApiUpdateFiresTheChangeTriggerSoEchoLoopsCanBeTested(Simulator sim) {
        String token = sim.zendesk().issueToken(SUB, "read write");
        connect(sim, token);
        ZendeskTicket t = sim.zendesk().createTicket(SUB, CustomerTicket.of("Broken", "Broken"));
        TestHttp.json("PUT", sim.zendesk().baseUrl(SUB) + "/api/v2/tickets/" + t.id() + ".json", token,
            "{\"ticket\":{\"comment\":{\"body\":\"Triage note\",\"public\":false}}}");
        sim.zendesk().addCustomerReply(SUB, t.id(), "More details");
        sim.awaitDeliveries(Duration.ofSeconds(10));
        assertThat(receiver.received()).hasSize(3);
    }

    @Test
    void failedDeliveryIsRetriedWhenDueWithTheSameInvocationId(Simulator sim) {
        connect(sim, sim.zendesk().issueToken(SUB, "read write"));
        receiver.answer(500, 503);
        sim.zendesk().createTicket(SUB, CustomerTicket.of("Broken", "Broken"));
        sim.awaitDeliveries(Duration.ofSeconds(10));
        assertThat(receiver.received()).hasSize(1);
        assertThat(sim.pendingDeliveries()).isEqualTo(1);

        CLOCK.advance(Duration.ofSeconds(10));
        sim.awaitDeliveries(Duration.ofSeconds(10));
        CLOCK.advance(Duration.ofSeconds(30));
        sim.awaitDeliveries(Duration.ofSeconds(10));
        assertThat(receiver.received()).hasSize(3);
        assertThat(receiver.received()).extracting(r -> r.header("x-zendesk-webhook-invocation-id")).containsOnly(
            receiver.received().getFirst().header("x-zendesk-webhook-invocation-id"));
        assertThat(sim.zendesk().deliveries()).extracting(Delivery::status).containsExactly(500, 503, 200);
        assertThat(sim.pendingDeliveries()).isZero();
    }

    @Test
    void duplicateAndReorderedDeliveriesOnDemand(Simulator sim) {
        connect(sim, sim.zendesk().issueToken(SUB, "read write"));
        sim.zendesk().faults().duplicateNextDeliveries(1);
        sim.zendesk().createTicket(SUB, CustomerTicket.of("One", "One"));
        sim.awaitDeliveries(Duration.ofSeconds(10));
        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(0).bodyText()).isEqualTo(receiver.received().get(1).bodyText());

        sim.zendesk().faults().reorderNextDeliveries(2);
        sim.zendesk().createTicket(SUB, CustomerTicket.of("Two", "Two"));
        sim.zendesk().createTicket(SUB, CustomerTicket.of("Three", "Three"));
        sim.awaitDeliveries(Duration.ofSeconds(10));
        assertThat(receiver.received().subList(2, 4)).extracting(r -> Flows.json(new ZendeskFidelityTest.FakeResponse(200, r.bodyText()))
            .get("subject").stringValue()).containsExactly("Three", "Two");
    }

    @Test
    void eventSubscriptionsSendTheEnvelope(Simulator sim) {
        String token = sim.zendesk().issueToken(SUB, "read write");
        assertThat(TestHttp.json("POST", sim.zendesk().baseUrl(SUB) + "/api/v2/webhooks", token,
            "{\"webhook\":{\"name\":\"Events\",\"endpoint\":\"" + receiver.url("/hooks/e") + "\",\"http_method\":\"POST\","
                + "\"request_format\":\"json\",\"status\":\"active\",\"subscriptions\":[\"zen:event-type:ticket.created\","
                + "\"zen:event-type:ticket.comment_added\"]}}").statusCode()).isEqualTo(201);
        ZendeskTicket t = sim.zendesk().createTicket(SUB, CustomerTicket.of("Envelope", "Body"));
        sim.awaitDeliveries(Duration.ofSeconds(10));
        assertThat(receiver.received()).hasSize(2);
        JsonNode created = Flows.json(new ZendeskFidelityTest.FakeResponse(200, receiver.received().getFirst().bodyText()));
        assertThat(created.get("type").stringValue()).isEqualTo("zen:event-type:ticket.created");
        assertThat(created.get("subject").stringValue()).isEqualTo("zen:ticket:" + t.id());
        assertThat(created.path("detail").path("id").stringValue()).isEqualTo(Long.toString(t.id()));
        assertThat(created.path("detail").path("status").stringValue()).isEqualTo("NEW");
    }
}
