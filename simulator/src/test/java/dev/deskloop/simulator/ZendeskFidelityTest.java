package dev.deskloop.simulator;

import static dev.deskloop.simulator.OpenApiContracts.problems;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import dev.deskloop.simulator.junit.SimulatorExtension;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Every Zendesk operation the simulator serves answers what the published OpenAPI descriptions allow:
 * {@code zendesk-support.yaml} (Zendesk's own) and {@code zendesk-webhooks.yaml} (third-party).
 */
@ExtendWith(SimulatorExtension.class)
class ZendeskFidelityTest {

    private static final String SUB = "acme";

    private static void valid(OpenApiInteractionValidator validator, String method, String specPath, HttpResponse<String> response,
                              int expectedStatus) {
        assertThat(response.statusCode()).as(method + " " + specPath + ": " + response.body()).isEqualTo(expectedStatus);
        assertThat(problems(validator, method, specPath, response, List.of())).as(method + " " + specPath).isEmpty();
    }

    @Test
    void validatorIsNotVacuous() {
        HttpResponse<String> fake = new FakeResponse(200, "{\"ticket\":{\"id\":\"not a number\",\"requester_id\":1}}");
        assertThat(problems(OpenApiContracts.zendesk(), "GET", "/api/v2/tickets/1", fake, List.of()))
            .anyMatch(p -> p.contains("schema.type"));
        HttpResponse<String> webhook = new FakeResponse(200, "{\"webhooks\":[{\"id\":1}]}");
        assertThat(problems(OpenApiContracts.zendeskWebhooks(), "GET", "/api/v2/webhooks", webhook, List.of()))
            .anyMatch(p -> p.contains("schema"));
    }

    @Test
    void oauthTokenResponsesMatchCreateTokenForGrantType(Simulator sim) throws Exception {
        String code = Flows.zendeskCode(sim, SUB, "read write");
        HttpResponse<String> issued = Flows.zendeskExchange(sim, SUB, code, ",\"expires_in\":3600,\"refresh_token_expires_in\":864000");
        valid(OpenApiContracts.zendesk(), "POST", "/oauth/tokens", issued, 201);
        JsonNode tokens = Flows.json(issued);
        HttpResponse<String> refreshed = TestHttp.json("POST", sim.zendesk().baseUrl(SUB) + "/oauth/tokens", null,
            "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + tokens.get("refresh_token").stringValue()
                + "\",\"client_id\":\"" + sim.zendesk().clientId() + "\",\"client_secret\":\"" + sim.zendesk().clientSecret()
                + "\",\"expires_in\":3600,\"refresh_token_expires_in\":864000}");
        valid(OpenApiContracts.zendesk(), "POST", "/oauth/tokens", refreshed, 201);
    }

    @Test
    void ticketCommentUserAndFieldResponsesMatchSupportApi(Simulator sim) {
        var ticket = sim.zendesk().createTicket(SUB, new CustomerTicket("Checkout fails", "Card declined since 9:00",
            "Ann Lee", "ann@example.com", List.of("vip")));
        String token = sim.zendesk().issueToken(SUB, "read write");
        String api = sim.zendesk().baseUrl(SUB) + "/api/v2";
        OpenApiInteractionValidator v = OpenApiContracts.zendesk();

        valid(v, "GET", "/api/v2/tickets/" + ticket.id(), TestHttp.get(api + "/tickets/" + ticket.id() + ".json?include=users", token), 200);
        long field = sim.zendesk().ticketFields(SUB).keySet().iterator().next();
        HttpResponse<String> updated = TestHttp.json("PUT", api + "/tickets/" + ticket.id() + ".json", token,
            "{\"ticket\":{\"comment\":{\"body\":\"Triage: bug, high\",\"public\":false},\"status\":\"open\","
                + "\"custom_fields\":[{\"id\":" + field + ",\"value\":\"high\"}]}}");
        valid(v, "PUT", "/api/v2/tickets/" + ticket.id(), updated, 200);
        valid(v, "PUT", "/api/v2/tickets/" + ticket.id(), TestHttp.json("PUT", api + "/tickets/" + ticket.id(), token,
            "{\"ticket\":{\"comment\":{\"html_body\":\"<p>We are on it</p>\",\"public\":true}}}"), 200);
        valid(v, "GET", "/api/v2/tickets/" + ticket.id() + "/comments",
            TestHttp.get(api + "/tickets/" + ticket.id() + "/comments.json?include=users", token), 200);
        valid(v, "GET", "/api/v2/tickets/" + ticket.id() + "/comments",
            TestHttp.get(api + "/tickets/" + ticket.id() + "/comments.json?page%5Bsize%5D=1", token), 200);
        valid(v, "GET", "/api/v2/users/" + ticket.requesterId(), TestHttp.get(api + "/users/" + ticket.requesterId() + ".json", token), 200);
        valid(v, "GET", "/api/v2/users/me", TestHttp.get(api + "/users/me.json", token), 200);
        valid(v, "GET", "/api/v2/ticket_fields", TestHttp.get(api + "/ticket_fields.json", token), 200);
    }

    @Test
    void commentAttachmentsMatchSupportApi(Simulator sim) {
        var ticket = sim.zendesk().createTicket(SUB, CustomerTicket.of("Export fails", "See the log")
            .withAttachments(List.of(Attachment.of("export.log", "text/plain", 2532),
                new Attachment("screen shot.png", "image/png", 166_144, "https://files.example.com/screen.png"))));
        sim.zendesk().addCustomerReply(SUB, ticket.id(), "One more", List.of(Attachment.of("trace.txt", "text/plain", 10)));
        String token = sim.zendesk().issueToken(SUB, "read");
        String api = sim.zendesk().baseUrl(SUB) + "/api/v2";
        OpenApiInteractionValidator v = OpenApiContracts.zendesk();

        HttpResponse<String> comments = TestHttp.get(api + "/tickets/" + ticket.id() + "/comments.json", token);
        valid(v, "GET", "/api/v2/tickets/" + ticket.id() + "/comments", comments, 200);
        JsonNode first = Flows.json(comments).path("comments").get(0).path("attachments");
        assertThat(first).hasSize(2);
        assertThat(first.get(0).path("file_name").stringValue()).isEqualTo("export.log");
        assertThat(first.get(0).path("content_type").stringValue()).isEqualTo("text/plain");
        assertThat(first.get(0).path("size").asLong()).isEqualTo(2532);
        assertThat(first.get(0).path("content_url").stringValue())
            .startsWith(sim.zendesk().baseUrl(SUB) + "/attachments/token/").endsWith("/?name=export.log");
        assertThat(first.get(1).path("content_url").stringValue()).isEqualTo("https://files.example.com/screen.png");
        assertThat(first.get(0).path("id").asLong()).isNotEqualTo(first.get(1).path("id").asLong());
        assertThat(Flows.json(comments).path("comments").get(1).path("attachments").get(0).path("file_name").stringValue())
            .isEqualTo("trace.txt");

        HttpResponse<String> wrongSize = new FakeResponse(200, "{\"comments\":[{\"id\":1,\"attachments\":[{\"id\":2,\"size\":\"big\"}]}]}");
        assertThat(problems(v, "GET", "/api/v2/tickets/1/comments", wrongSize, List.of())).anyMatch(p -> p.contains("schema.type"));
    }

    @Test
    void triggerResponsesMatchSupportApi(Simulator sim) {
        String token = sim.zendesk().issueToken(SUB, "read write");
        String api = sim.zendesk().baseUrl(SUB) + "/api/v2";
        OpenApiInteractionValidator v = OpenApiContracts.zendesk();
        JsonNode webhook = Flows.json(TestHttp.json("POST", api + "/webhooks", token,
            "{\"webhook\":{\"name\":\"Triage\",\"endpoint\":\"https://deskloop.test/hooks/1\",\"http_method\":\"POST\","
                + "\"request_format\":\"json\",\"status\":\"active\",\"subscriptions\":[\"conditional_ticket_events\"]}}"));
        String webhookId = webhook.path("webhook").path("id").stringValue();
        String trigger = "{\"trigger\":{\"title\":\"Triage: ticket created\",\"conditions\":{\"all\":[{\"field\":\"update_type\","
            + "\"operator\":\"is\",\"value\":\"Create\"}],\"any\":[]},\"actions\":[{\"field\":\"notification_webhook\",\"value\":[\""
            + webhookId + "\",\"{\\\"ticket_id\\\":\\\"{{ticket.id}}\\\"}\"]}]}}";
        HttpResponse<String> created = TestHttp.json("POST", api + "/triggers", token, trigger);
        valid(v, "POST", "/api/v2/triggers", created, 201);
        long id = Flows.json(created).path("trigger").path("id").asLong();
        valid(v, "GET", "/api/v2/triggers", TestHttp.get(api + "/triggers.json", token), 200);
        valid(v, "GET", "/api/v2/triggers/" + id, TestHttp.get(api + "/triggers/" + id + ".json", token), 200);
        valid(v, "PUT", "/api/v2/triggers/" + id, TestHttp.json("PUT", api + "/triggers/" + id + ".json", token, trigger), 200);
        valid(v, "DELETE", "/api/v2/triggers/" + id, TestHttp.send("DELETE", api + "/triggers/" + id + ".json", token, null, null), 204);
    }

    @Test
    void oauthTokenEndpointsMatchSupportApi(Simulator sim) {
        String token = sim.zendesk().issueToken(SUB, "read write");
        String api = sim.zendesk().baseUrl(SUB) + "/api/v2";
        valid(OpenApiContracts.zendesk(), "GET", "/api/v2/oauth/tokens/1", TestHttp.get(api + "/oauth/tokens/current.json", token), 200);
        valid(OpenApiContracts.zendesk(), "DELETE", "/api/v2/oauth/tokens/1",
            TestHttp.send("DELETE", api + "/oauth/tokens/current.json", token, null, null), 204);
    }

    @Test
    void webhookResponsesMatchWebhooksDescription(Simulator sim) {
        String token = sim.zendesk().issueToken(SUB, "read write");
        String api = sim.zendesk().baseUrl(SUB) + "/api/v2";
        OpenApiInteractionValidator v = OpenApiContracts.zendeskWebhooks();
        HttpResponse<String> created = TestHttp.json("POST", api + "/webhooks", token,
            "{\"webhook\":{\"name\":\"Triage\",\"endpoint\":\"https://deskloop.test/hooks/1\",\"http_method\":\"POST\","
                + "\"request_format\":\"json\",\"status\":\"active\",\"subscriptions\":[\"conditional_ticket_events\"],"
                + "\"authentication\":{\"type\":\"bearer_token\",\"data\":{\"token\":\"abc\"},\"add_position\":\"header\"}}}");
        valid(v, "POST", "/api/v2/webhooks", created, 201);
        String id = Flows.json(created).path("webhook").path("id").stringValue();
        valid(v, "GET", "/api/v2/webhooks", TestHttp.get(api + "/webhooks", token), 200);
        valid(v, "GET", "/api/v2/webhooks/" + id, TestHttp.get(api + "/webhooks/" + id, token), 200);
        valid(v, "GET", "/api/v2/webhooks/" + id + "/signing_secret", TestHttp.get(api + "/webhooks/" + id + "/signing_secret", token), 200);
        valid(v, "POST", "/api/v2/webhooks/" + id + "/signing_secret",
            TestHttp.send("POST", api + "/webhooks/" + id + "/signing_secret", token, null, null), 201);
        valid(v, "PATCH", "/api/v2/webhooks/" + id, TestHttp.json("PATCH", api + "/webhooks/" + id, token,
            "{\"webhook\":{\"status\":\"inactive\"}}"), 204);
        valid(v, "POST", "/api/v2/webhooks", TestHttp.json("POST", api + "/webhooks", token, "{\"webhook\":{\"name\":\"x\"}}"), 400);
        valid(v, "GET", "/api/v2/webhooks/nope", TestHttp.get(api + "/webhooks/nope", token), 404);
        valid(v, "DELETE", "/api/v2/webhooks/" + id, TestHttp.send("DELETE", api + "/webhooks/" + id, token, null, null), 204);
    }

    /** A canned response for checking the validator itself. */
    record FakeResponse(int statusCode, String body) implements HttpResponse<String> {
        @Override
        public java.net.http.HttpRequest request() {
            return null;
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(java.util.Map.of("content-type", List.of("application/json")), (a, b) -> true);
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.URI uri() {
            return java.net.URI.create("http://localhost/");
        }

        @Override
        public java.net.http.HttpClient.Version version() {
            return java.net.http.HttpClient.Version.HTTP_1_1;
        }
    }
}
