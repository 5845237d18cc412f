package dev.deskloop.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.simulator.junit.SimulatorExtension;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** The control API, the page for people, the JUnit extension and the command line. */
@ExtendWith(SimulatorExtension.class)
class ControlAndPageTest {

    private final Simulator injectedInConstructor;

    ControlAndPageTest(Simulator simulator) {
        this.injectedInConstructor = simulator;
    }

    @Test
    void extensionGivesAFreshSimulatorStatePerTest(Simulator sim) {
        assertThat(sim).isSameAs(injectedInConstructor);
        assertThat(sim.zendesk().subdomains()).isEmpty();
        assertThat(sim.requests().all()).isEmpty();
        sim.zendesk().createAccount("leftover");
    }

    @Test
    void controlApiCreatesTicketsAndRepliesAndShowsRedactedRequests(Simulator sim) {
        String control = sim.baseUrl() + "/control";
        HttpResponse<String> created = TestHttp.json("POST", control + "/zendesk/acme/tickets", null,
            "{\"subject\":\"Export fails\",\"body\":\"500 on export\",\"requester\":{\"name\":\"Ann\",\"email\":\"ann@example.com\"},\"tags\":[\"vip\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        long id = Flows.json(created).get("id").asLong();
        assertThat(TestHttp.json("POST", control + "/zendesk/acme/tickets/" + id + "/replies", null, "{\"body\":\"still broken\"}")
            .statusCode()).isEqualTo(201);
        JsonNode ticket = Flows.json(TestHttp.get(control + "/zendesk/acme/tickets/" + id, null));
        assertThat(ticket.get("comments")).hasSize(2);

        String token = Flows.json(TestHttp.json("POST", control + "/zendesk/acme/tokens", null, "{\"scope\":\"read\"}")).get("access_token").stringValue();
        TestHttp.json("POST", sim.zendesk().baseUrl("acme") + "/oauth/tokens", null,
            "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"r3fr3sh\",\"client_id\":\"deskloop-demo\",\"client_secret\":\"s3cret\"}");
        TestHttp.get(sim.zendesk().baseUrl("acme") + "/api/v2/users/me.json", token);
        String log = TestHttp.get(control + "/requests", null).body();
        assertThat(log).contains("/oauth/tokens").doesNotContain("r3fr3sh").doesNotContain("s3cret").doesNotContain(token);
        assertThat(sim.requests().find("POST", ".*/oauth/tokens").getFirst().body()).contains("r3fr3sh");

        assertThat(TestHttp.json("POST", control + "/intercom/conversations", null, "{\"body\":\"hello\"}").statusCode()).isEqualTo(201);
        assertThat(TestHttp.json("POST", control + "/faults/zendesk", null, "{\"fail_next\":1}").statusCode()).isEqualTo(200);
        assertThat(TestHttp.json("POST", control + "/faults/nobody", null, "{}").statusCode()).isEqualTo(404);
        assertThat(TestHttp.json("POST", control + "/zendesk/acme/tickets", null, "[1]").statusCode()).isEqualTo(400);
        assertThat(TestHttp.get(control + "/config", null).body()).contains(sim.zendesk().clientId());
    }

    @Test
    void controlApiAttachesFilesToTicketsConversationsAndReplies(Simulator sim) {
        String control = sim.baseUrl() + "/control";
        HttpResponse<String> created = TestHttp.json("POST", control + "/zendesk/acme/tickets", null,
            "{\"subject\":\"Crash\",\"body\":\"see file\",\"attachments\":[{\"name\":\"<b>crash</b>.log\","
                + "\"content_type\":\"text/plain\",\"size\":12,\"url\":\"https://files.example.com/crash.log\"}]}");
        assertThat(created.statusCode()).isEqualTo(201);
        long id = Flows.json(created).get("id").asLong();
        assertThat(TestHttp.json("POST", control + "/zendesk/acme/tickets/" + id + "/replies", null,
            "{\"body\":\"more\",\"attachments\":[{\"file_name\":\"b.png\",\"content_type\":\"image/png\"}]}").statusCode())
            .isEqualTo(201);
        var ticket = sim.zendesk().ticket("acme", id).orElseThrow();
        assertThat(ticket.comments().get(0).attachments())
            .containsExactly(new Attachment("<b>crash</b>.log", "text/plain", 12, "https://files.example.com/crash.log"));
        assertThat(ticket.comments().get(1).attachments().getFirst().name()).isEqualTo("b.png");
        assertThat(ticket.comments().get(1).attachments().getFirst().url()).startsWith(sim.zendesk().baseUrl("acme") + "/attachments/");
        assertThat(TestHttp.get(sim.baseUrl() + "/ui/zendesk/acme/tickets/" + id, null).body())
            .contains("&lt;b&gt;crash&lt;/b&gt;.log").doesNotContain("<b>crash");

        HttpResponse<String> conversation = TestHttp.json("POST", control + "/intercom/conversations", null,
            "{\"body\":\"hi\",\"attachments\":[{\"name\":\"a.pdf\",\"content_type\":\"application/pdf\",\"size\":3}]}");
        String conversationId = Flows.json(conversation).get("id").stringValue();
        TestHttp.json("POST", control + "/intercom/conversations/" + conversationId + "/replies", null,
            "{\"body\":\"again\",\"attachments\":[{\"name\":\"c.txt\",\"size\":-5,\"url\":\"ftp://example.com/c.txt\"}]}");
        var stored = sim.intercom().conversation(conversationId).orElseThrow();
        assertThat(stored.sourceAttachments()).extracting(Attachment::name, Attachment::size).containsExactly(org.assertj.core.groups.Tuple.tuple("a.pdf", 3L));
        assertThat(stored.parts().getFirst().attachments())
            .containsExactly(new Attachment("c.txt", "application/octet-stream", -5, "ftp://example.com/c.txt"));

        assertThat(TestHttp.json("POST", control + "/zendesk/acme/tickets", null, "{\"body\":\"x\",\"attachments\":{}}").statusCode())
            .isEqualTo(400);
        assertThat(TestHttp.json("POST", control + "/intercom/conversations", null,
            "{\"body\":\"x\",\"attachments\":[{\"name\":\"a\",\"size\":\"big\"}]}").statusCode()).isEqualTo(400);
    }

    @Test
    void pageEscapesWhatCustomersAndTheAppWrote(Simulator sim) {
        HttpResponse<String> created = TestHttp.form(sim.baseUrl() + "/ui/zendesk/tickets",
            "subdomain=acme&subject=%3Cscript%3Ealert(1)%3C%2Fscript%3E&body=hi&name=Ann&email=ann%40example.com&tags=a+b");
        assertThat(created.statusCode()).isEqualTo(303);
        String ticketPage = TestHttp.get(sim.baseUrl() + created.headers().firstValue("location").orElseThrow(), null).body();
        assertThat(ticketPage).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        String home = TestHttp.get(sim.baseUrl() + "/", null).body();
        assertThat(home).contains("Deskloop provider simulator").doesNotContain("<script>");
        assertThat(TestHttp.get(sim.baseUrl() + "/ui/requests", null).statusCode()).isEqualTo(200);
        HttpResponse<String> conversation = TestHttp.form(sim.baseUrl() + "/ui/intercom/conversations", "body=%3Cb%3Ehey&email=bo%40example.com");
        assertThat(TestHttp.get(sim.baseUrl() + conversation.headers().firstValue("location").orElseThrow(), null).body())
            .contains("&amp;lt;b&amp;gt;hey").doesNotContain("<b>hey");
    }

    @Test
    void commandLineTakesArgumentsOverEnvironment() {
        SimulatorMain.Options options = SimulatorMain.Options.parse(new String[] {"--port", "18099", "--zendesk-client-secret=fromArgs"},
            Map.of("SIMULATOR_PORT", "1", "SIMULATOR_ZENDESK_CLIENT_SECRET", "fromEnv", "SIMULATOR_INTERCOM_CLIENT_SECRET", "icSecret"));
        assertThat(options.config().port()).isEqualTo(18099);
        assertThat(options.config().host()).isEqualTo("127.0.0.1");
        assertThat(options.config().zendesk().clientSecret()).isEqualTo("fromArgs");
        assertThat(options.config().intercom().clientSecret()).isEqualTo("icSecret");
        assertThat(SimulatorMain.Options.parse(new String[0], Map.of()).config().port()).isEqualTo(SimulatorMain.DEFAULT_PORT);
    }
}
