package dev.deskloop.simulator;

import static dev.deskloop.simulator.OpenApiContracts.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.simulator.intercom.CustomerConversation;
import dev.deskloop.simulator.junit.SimulatorExtension;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** Every Intercom operation the simulator serves answers what {@code intercom-2.14.yaml} allows. */
@ExtendWith(SimulatorExtension.class)
class IntercomFidelityTest {

    private static void valid(String method, String specPath, HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(method + " " + specPath + ": " + response.body()).isEqualTo(expectedStatus);
        assertThat(problems(OpenApiContracts.intercom(), method, specPath, response, OpenApiContracts.INTERCOM_WAIVERS))
            .as(method + " " + specPath).isEmpty();
    }

    @Test
    void validatorIsNotVacuous() {
        var fake = new ZendeskFidelityTest.FakeResponse(200, "{\"type\":\"conversation\",\"id\":1,\"state\":\"weird\"}");
        assertThat(problems(OpenApiContracts.intercom(), "GET", "/conversations/1", fake, List.of())).isNotEmpty();
    }

    @Test
    void attachmentsOfTheFirstMessageAndOfPartsMatchTheDescription(Simulator sim) {
        String token = Flows.intercomToken(sim);
        var conversation = sim.intercom().createConversation(CustomerConversation.of("Broken chart", "See attached")
            .withAttachments(List.of(Attachment.of("chart.png", "image/png", 4096))));
        sim.intercom().addCustomerReply(conversation.id(), "And the log",
            List.of(new Attachment("app.log", "text/plain", 77, "https://files.example.com/app.log")));
        String api = sim.intercom().apiBaseUrl();
        String[] version = {"Intercom-Version", "2.14", "Accept", "application/json"};

        HttpResponse<String> shown = TestHttp.get(api + "/conversations/" + conversation.id(), token, version);
        valid("GET", "/conversations/" + conversation.id(), shown, 200);
        JsonNode source = Flows.json(shown).path("source").path("attachments").get(0);
        assertThat(source.path("type").stringValue()).isEqualTo("upload");
        assertThat(source.path("name").stringValue()).isEqualTo("chart.png");
        assertThat(source.path("content_type").stringValue()).isEqualTo("image/png");
        assertThat(source.path("filesize").asLong()).isEqualTo(4096);
        assertThat(source.path("url").stringValue()).startsWith(sim.baseUrl() + "/intercom/downloads/").endsWith("/chart.png");
        JsonNode part = Flows.json(shown).path("conversation_parts").path("conversation_parts").get(0).path("attachments").get(0);
        assertThat(part.path("url").stringValue()).isEqualTo("https://files.example.com/app.log");
        assertThat(part.path("filesize").asLong()).isEqualTo(77);

        HttpResponse<String> replied = TestHttp.json("POST", api + "/conversations/" + conversation.id() + "/reply", token,
            "{\"message_type\":\"comment\",\"type\":\"admin\",\"admin_id\":\"" + sim.intercom().adminId()
                + "\",\"body\":\"<p>Here is the fix</p>\",\"attachment_urls\":[\"https://files.example.com/fix%20notes.pdf?x=1\"]}",
            version);
        valid("POST", "/conversations/" + conversation.id() + "/reply", replied, 200);
        JsonNode added = Flows.json(replied).path("conversation_parts").path("conversation_parts").get(1).path("attachments").get(0);
        assertThat(added.path("name").stringValue()).isEqualTo("fix notes.pdf");
        assertThat(added.path("content_type").stringValue()).isEqualTo("application/pdf");
        assertThat(added.path("url").stringValue()).isEqualTo("https://files.example.com/fix%20notes.pdf?x=1");
        assertThat(TestHttp.json("POST", api + "/conversations/" + conversation.id() + "/reply", token,
            "{\"message_type\":\"note\",\"type\":\"admin\",\"admin_id\":\"" + sim.intercom().adminId()
                + "\",\"body\":\"x\",\"attachment_urls\":[\"javascript:alert(1)\"]}", version).statusCode()).isEqualTo(400);

        var wrongSize = new ZendeskFidelityTest.FakeResponse(200, "{\"type\":\"conversation\",\"id\":\"1\","
            + "\"source\":{\"attachments\":[{\"type\":\"upload\",\"filesize\":\"big\"}]}}");
        assertThat(problems(OpenApiContracts.intercom(), "GET", "/conversations/1", wrongSize, List.of()))
            .anyMatch(p -> p.contains("filesize"));
    }

    @Test
    void everyOperationAnswersPerTheDescription(Simulator sim) {
        String token = Flows.intercomToken(sim);
        var conversation = sim.intercom().createConversation(new CustomerConversation("Login loop", "I cannot log in <again>",
            "Ann Lee", "ann@example.com", List.of("vip")));
        String api = sim.intercom().apiBaseUrl();
        String[] version = {"Intercom-Version", "2.14", "Accept", "application/json"};

        valid("GET", "/me", TestHttp.get(api + "/me", token, version), 200);
        valid("GET", "/conversations/" + conversation.id(), TestHttp.get(api + "/conversations/" + conversation.id(), token, version), 200);
        valid("GET", "/conversations/" + conversation.id(),
            TestHttp.get(api + "/conversations/" + conversation.id() + "?display_as=plaintext", token, version), 200);
        valid("POST", "/conversations/" + conversation.id() + "/reply", TestHttp.json("POST",
            api + "/conversations/" + conversation.id() + "/reply", token,
            "{\"message_type\":\"note\",\"type\":\"admin\",\"admin_id\":\"" + sim.intercom().adminId() + "\",\"body\":\"<p>Triage: bug</p>\"}",
            version), 200);
        valid("POST", "/conversations/" + conversation.id() + "/reply", TestHttp.json("POST",
            api + "/conversations/" + conversation.id() + "/reply", token,
            "{\"message_type\":\"comment\",\"type\":\"admin\",\"admin_id\":\"" + sim.intercom().adminId() + "\",\"body\":\"<p>Thanks!</p>\"}",
            version), 200);
        valid("PUT", "/conversations/" + conversation.id(), TestHttp.json("PUT", api + "/conversations/" + conversation.id(), token,
            "{\"custom_attributes\":{\"severity\":\"high\",\"affected_service\":\"auth\"}}", version), 200);
        valid("GET", "/contacts/" + conversation.contactId(), TestHttp.get(api + "/contacts/" + conversation.contactId(), token, version), 200);
        valid("GET", "/conversations/999", TestHttp.get(api + "/conversations/999", token, version), 404);
        valid("GET", "/conversations/" + conversation.id(), TestHttp.get(api + "/conversations/" + conversation.id(), "wrong", version), 401);
        valid("GET", "/admins", TestHttp.get(api + "/admins", token, version), 200);
    }
}
