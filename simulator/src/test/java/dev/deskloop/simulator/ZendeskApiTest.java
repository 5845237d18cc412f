package dev.deskloop.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.simulator.junit.SimulatorExtension;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scopes, writes and refusals of the Zendesk API, with the bodies Zendesk answers. */
@ExtendWith(SimulatorExtension.class)
class ZendeskApiTest {

    private static final String SUB = "initech";

    private static String api(Simulator sim) {
        return sim.zendesk().baseUrl(SUB) + "/api/v2";
    }

    @Test
    void aTokenWithoutTicketsWriteGets403(Simulator sim) {
        ZendeskTicket t = sim.zendesk().createTicket(SUB, CustomerTicket.of("Broken", "It broke"));
        String readOnly = sim.zendesk().issueToken(SUB, "tickets:read users:read");
        assertThat(TestHttp.get(api(sim) + "/tickets/" + t.id() + ".json", readOnly).statusCode()).isEqualTo(200);
        HttpResponse<String> put = TestHttp.json("PUT", api(sim) + "/tickets/" + t.id() + ".json", readOnly,
            "{\"ticket\":{\"comment\":{\"body\":\"x\",\"public\":false}}}");
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(Flows.json(put).get("error").stringValue()).isEqualTo("Forbidden");
        assertThat(TestHttp.get(api(sim) + "/webhooks", readOnly).statusCode()).isEqualTo(403);

        String invalidScope = sim.zendesk().issueToken(SUB, "tickets");
        assertThat(TestHttp.get(api(sim) + "/tickets/" + t.id() + ".json", invalidScope).statusCode()).isEqualTo(403);
    }

    @Test
    void usersNameTheirZoneTheRailsWayInTimeZoneAndTheIanaWayInIanaTimeZone(Simulator sim) {
        String token = sim.zendesk().issueToken(SUB, "read");
        for (String[] zone : new String[][] {{"America/New_York", "Eastern Time (US & Canada)"},
                {"Europe/Berlin", "Berlin"}, {"America/Argentina/Buenos_Aires", "Buenos Aires"}, {"Etc/UTC", "UTC"}}) {
            ZendeskTicket t = sim.zendesk().createTicket(SUB, CustomerTicket.of("Broken", "It broke")
                .withRequesterZone(zone[0]));
            var user = Flows.json(TestHttp.get(api(sim) + "/users/" + t.requesterId() + ".json", token)).get("user");
            assertThat(user.get("time_zone").stringValue()).isEqualTo(zone[1]);
            assertThat(user.get("iana_time_zone").stringValue()).isEqualTo(zone[0]);
        }
    }

    @Test
    void notesRepliesAndFieldsAreStoredAsWritten(Simulator sim) {
        ZendeskTicket t = sim.zendesk().createTicket(SUB, CustomerTicket.of("Broken", "It broke"));
        String token = sim.zendesk().issueToken(SUB, "read write");
        long field = sim.zendesk().defineTicketField(SUB, "Severity", "tagger");
        assertThat(TestHttp.json("PUT", api(sim) + "/tickets/" + t.id() + ".json", token,
            "{\"ticket\":{\"comment\":{\"body\":\"Internal triage\",\"public\":false},\"custom_fields\":[{\"id\":" + field
                + ",\"value\":\"sev_high\"}],\"additional_tags\":[\"deskloop\"]}}").statusCode()).isEqualTo(200);
        assertThat(TestHttp.json("PUT", api(sim) + "/tickets/" + t.id() + ".json", token,
            "{\"ticket\":{\"comment\":{\"html_body\":\"<p>Hi there</p>\",\"public\":true}}}").statusCode()).isEqualTo(200);
        // Without "public" the previous API comment's value persists, as ZENDESK.md warns.
        assertThat(TestHttp.json("PUT", api(sim) + "/tickets/" + t.id() + ".json", token,
            "{\"ticket\":{\"comment\":{\"body\":\"again\"}}}").statusCode()).isEqualTo(200);

        ZendeskTicket after = sim.zendesk().ticket(SUB, t.id()).orElseThrow();
        assertThat(after.writtenThroughApi()).extracting(c -> c.body() + "/" + c.isPublic())
            .containsExactly("Internal triage/false", "Hi there/true", "again/true");
        assertThat(after.customFields()).containsEntry(field, "sev_high");
        assertThat(after.tags()).contains("deskloop");
        assertThat(sim.requests().find("PUT", "/zendesk/initech/api/v2/tickets/\\d+\\.json")).hasSize(3)
            .allSatisfy(r -> assertThat(r.header("authorization")).contains("Bearer [redacted]"));
    }

    @Test
    void badRequestsGetZendesksStatusesAndBodiesNeverA500(Simulator sim) {
        ZendeskTicket t = sim.zendesk().createTicket(SUB, CustomerTicket.of("Broken", "It broke"));
        String token = sim.zendesk().issueToken(SUB, "read write");
        String ticketUrl = api(sim) + "/tickets/" + t.id() + ".json";

        HttpResponse<String> noAuth = TestHttp.get(ticketUrl, null);
        assertThat(noAuth.statusCode()).isEqualTo(401);
        assertThat(Flows.json(noAuth).get("error").stringValue()).isEqualTo("Couldn't authenticate you");
        HttpResponse<String> badToken = TestHttp.get(ticketUrl, "nope");
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertThat(Flows.json(badToken).get("error").stringValue()).isEqualTo("invalid_token");

        assertThat(Flows.json(TestHttp.get(api(sim) + "/tickets/999.json", token)).get("error").stringValue()).isEqualTo("RecordNotFound");
        assertThat(TestHttp.get(api(sim) + "/tickets/abc.json", token).statusCode()).isEqualTo(404);
        assertThat(Flows.json(TestHttp.get(api(sim) + "/nothing/here.json", token)).get("error").stringValue()).isEqualTo("InvalidEndpoint");
        assertThat(TestHttp.json("PUT", ticketUrl, token, "{not json").statusCode()).isEqualTo(400);
        assertThat(TestHttp.json("PUT", ticketUrl, token, "{\"comment\":{\"body\":\"no ticket root\"}}").statusCode()).isEqualTo(400);
        HttpResponse<String> blank = TestHttp.json("PUT", ticketUrl, token, "{\"ticket\":{\"comment\":{\"body\":\"\"}}}");
        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(Flows.json(blank).get("error").stringValue()).isEqualTo("RecordInvalid");
        assertThat(TestHttp.json("PUT", ticketUrl, token, "{\"ticket\":{\"status\":\"exploded\"}}").statusCode()).isEqualTo(422);
        assertThat(TestHttp.json("PUT", ticketUrl, token, "{\"ticket\":{\"custom_fields\":{\"id\":1}}}").statusCode()).isEqualTo(400);
        assertThat(TestHttp.json("PUT", ticketUrl, token, "{\"ticket\":{\"comment\":{\"body\":\"" + "x".repeat(70_000) + "\"}}}").statusCode())
            .isEqualTo(422);
        assertThat(TestHttp.json("PUT", ticketUrl, token,
            "{\"ticket\":{\"safe_update\":true,\"updated_stamp\":\"2001-01-01T00:00:00Z\",\"status\":\"open\"}}").statusCode()).isEqualTo(409);

        sim.zendesk().setStatus(SUB, t.id(), "closed");
        HttpResponse<String> closed = TestHttp.json("PUT", ticketUrl, token, "{\"ticket\":{\"comment\":{\"body\":\"late\"}}}");
        assertThat(closed.statusCode()).isEqualTo(422);
        assertThat(closed.body()).contains("closed prevents ticket update");

        HttpResponse<String> badWebhook = TestHttp.json("POST", api(sim) + "/webhooks", token,
            "{\"webhook\":{\"name\":\"x\",\"endpoint\":\"not a url\",\"http_method\":\"POST\",\"request_format\":\"json\",\"status\":\"active\"}}");
        assertThat(badWebhook.statusCode()).isEqualTo(400);
        assertThat(Flows.json(badWebhook).path("errors").path(0).path("source").path("pointer").stringValue()).isEqualTo("/webhook/endpoint");
        assertThat(TestHttp.json("POST", api(sim) + "/webhooks", token, "[]").statusCode()).isEqualTo(400);
        assertThat(TestHttp.json("POST", api(sim) + "/triggers", token,
            "{\"trigger\":{\"title\":\"t\",\"conditions\":{\"all\":[]},\"actions\":[{\"field\":\"notification_webhook\",\"value\":[\"01NOPE\",\"{}\"]}]}}")
            .statusCode()).isEqualTo(422);
        assertThat(TestHttp.json("POST", api(sim) + "/triggers", token, "{\"trigger\":{\"title\":\"\"}}").statusCode()).isEqualTo(422);

        assertThat(sim.requests().forProvider("zendesk")).noneMatch(r -> r.status() >= 500);
    }

    @Test
    void subdomainsAreIsolated(Simulator sim) {
        String token = sim.zendesk().issueToken("one", "read write");
        sim.zendesk().createTicket("two", CustomerTicket.of("Other", "Other"));
        assertThat(TestHttp.get(sim.zendesk().baseUrl("two") + "/api/v2/tickets/1.json", token).statusCode()).isEqualTo(401);
        assertThat(TestHttp.get(sim.zendesk().baseUrl("one") + "/api/v2/tickets/1.json", token).statusCode()).isEqualTo(404);
        assertThat(TestHttp.get(sim.baseUrl() + "/zendesk/not_valid!/api/v2/tickets/1.json", token).statusCode()).isEqualTo(404);
    }
}
