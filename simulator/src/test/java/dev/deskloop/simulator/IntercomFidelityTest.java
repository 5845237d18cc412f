package dev.deskloop.simulator;

import static dev.deskloop.simulator.OpenApiContracts.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.simulator.intercom.CustomerConversation;
import dev.deskloop.simulator.junit.SimulatorExtension;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
