package dev.deskloop.bug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.deskloop.IntegrationTest;
import dev.deskloop.connection.ConnectionFlow;
import dev.deskloop.connection.Connections;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskComment;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import dev.deskloop.tickets.StoredTicket;
import dev.deskloop.tickets.Tickets;
import dev.deskloop.workspace.Fixtures;
import dev.deskloop.workspace.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** Bug tickets grouped into bugs; fix shipped through the API, the pages and the deploy webhook; one RCA each. */
class BugsIT extends IntegrationTest {

    private static final String EXPORT = "Since this morning the invoice export fails with a 500 error for all of our "
            + "users. Steps to reproduce: 1. Open Reports 2. Click Export invoices 3. See the error. Expected a CSV file.";
    private static final String EXPORT_AGAIN = "The invoice export fails with a 500 error for all our users since "
            + "this morning. Open Reports, click Export invoices and you get the error instead of the CSV file.";
    private static final String CRASH = "The iPad app crashes every time a customer tries to sign a job on the "
            + "signature screen. Steps: open a job, tap Complete, hand over the iPad, the app closes. Expected the signature to save.";
    private static final String RCA = "A database migration broke the invoice export <for everyone>.\n\nWe fixed it & added a test.";

    @Autowired
    Fixtures fixtures;

    @Autowired
    Connections connections;

    @Autowired
    Tickets tickets;

    @Autowired
    Bugs bugs;

    @Autowired
    Jobs jobs;

    @Autowired
    DeploySecrets deploySecrets;

    @Autowired
    dev.deskloop.platform.crypto.TokenCipher cipher;

    Fixtures.Team team;
    String subdomain;
    UUID connectionId;
    String signingSecret;

    @BeforeEach
    void connect() throws Exception {
        team = fixtures.team("bugs");
        subdomain = "bugs" + UUID.randomUUID().toString().substring(0, 8);
        connectionId = new ConnectionFlow(mvc, fixtures).connect(team.workspace(), team.owner(), "zendesk", subdomain,
                connections);
        signingSecret = connections.signingSecret(connectionId).orElseThrow();
        jobs.runDue();
    }

    @Test
    void duplicateBugTicketsShareABugAndADifferentProblemOpensItsOwn() throws Exception {
        StoredTicket first = arrive("Invoice export broken", EXPORT, "ann@example.com");
        StoredTicket second = arrive("Export of invoices gives 500", EXPORT_AGAIN, "bob@example.com");
        StoredTicket other = arrive("iPad app crash on signature", CRASH, "cid@example.com");

        UUID bug = bugs.bugOf(first.id()).orElseThrow();
        assertThat(bugs.bugOf(second.id())).contains(bug);
        assertThat(bugs.bugOf(other.id()).orElseThrow()).isNotEqualTo(bug);
        Bug grouped = bugs.of(team.workspace().id(), bug).orElseThrow();
        assertThat(grouped.title()).isEqualTo("Invoice export broken");
        assertThat(grouped.ticketCount()).isEqualTo(2);
        assertThat(grouped.customersAffected()).isEqualTo(2);
        assertThat(bugs.tickets(bug)).extracting(LinkedTicket::how).containsOnly("auto");
        assertThat(audit()).contains("bug.created", "bug.ticket_linked");
    }

    @Test
    void aRetriagedTicketStaysLinkedOnce() throws Exception {
        StoredTicket ticket = arrive("Invoice export broken", EXPORT, "ann@example.com");
        UUID bug = bugs.bugOf(ticket.id()).orElseThrow();

        ZendeskTicket replied = SIMULATOR.zendesk().addCustomerReply(subdomain, Long.parseLong(ticket.externalId()),
                "Still broken, and now the PDF export fails with the same 500 error too.");
        deliver("ticket.comment_added", replied);
        jobs.runDue();

        assertThat(tickets.triageHistory(ticket.id())).hasSize(2);
        assertThat(bugs.bugOf(ticket.id())).contains(bug);
        assertThat(bugs.list(team.workspace().id(), null)).hasSize(1);
    }

    @Test
    void shippingSendsExactlyOneRcaToEveryLinkedTicketEvenWhenRepeated() throws Exception {
        StoredTicket first = arrive("Invoice export broken", EXPORT, "ann@example.com");
        StoredTicket second = arrive("Export of invoices gives 500", EXPORT_AGAIN, "bob@example.com");
        UUID bug = bugs.bugOf(first.id()).orElseThrow();
        String token = fixtures.token(team.workspace(), team.owner());

        api(post("/api/v1/bugs/{id}/ship", bug), token,
                "{\"rca\": " + json(RCA) + ", \"change_url\": \"https://git.example.com/acme/pull/42\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("fix_shipped"))
                .andExpect(jsonPath("$.change_url").value("https://git.example.com/acme/pull/42"));
        api(post("/api/v1/bugs/{id}/ship", bug), token, "{\"rca\": \"again\"}").andExpect(status().isConflict());
        jobs.runDue();
        jobs.runDue();

        for (StoredTicket ticket : List.of(first, second)) {
            assertThat(rcaReplies(ticket)).hasSize(1);
            assertThat(rcaReplies(ticket).getFirst().htmlBody())
                    .contains("&lt;for everyone&gt;", "We fixed it &amp; added a test.").doesNotContain("<for everyone>");
            assertThat(comments(ticket).stream().filter(c -> !c.isPublic() && c.body().contains("pull/42")))
                    .hasSize(1);
        }
        assertThat(audit()).contains("bug.fix_shipped");

        // A bug merged into the shipped one later: its ticket gets the RCA too, once.
        StoredTicket late = arrive("iPad app crash on signature", CRASH, "cid@example.com");
        UUID lateBug = bugs.bugOf(late.id()).orElseThrow();
        page(post("/w/{w}/bugs/{b}/merge", team.workspace().id(), bug).param("other", lateBug.toString()))
                .andExpect(status().is3xxRedirection());
        jobs.runDue();
        assertThat(bugs.bugOf(late.id())).contains(bug);
        assertThat(bugs.of(team.workspace().id(), lateBug)).isEmpty();
        assertThat(rcaReplies(late)).hasSize(1);
        assertThat(rcaReplies(first)).hasSize(1);
    }

    @Test
    void theApiIsScopedToTheWorkspaceNamesInvalidFieldsAndLetsViewersOnlyRead() throws Exception {
        StoredTicket ticket = arrive("Invoice export broken", EXPORT, "ann@example.com");
        UUID bug = bugs.bugOf(ticket.id()).orElseThrow();
        String owner = fixtures.token(team.workspace(), team.owner());
        var viewer = fixtures.member(team.workspace(), "viewer", Role.VIEWER);
        String viewerToken = fixtures.token(team.workspace(), viewer);
        var stranger = fixtures.team("stranger");
        String strangerToken = fixtures.token(stranger.workspace(), stranger.owner());

        api(get("/api/v1/bugs"), owner, null).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(bug.toString()))
                .andExpect(jsonPath("$[0].tickets").value(1))
                .andExpect(jsonPath("$[0].customers_affected").value(1));
        api(get("/api/v1/bugs/{id}", bug), viewerToken, null).andExpect(status().isOk())
                .andExpect(jsonPath("$.affected_customers[0]").value("ann@example.com"));
        api(get("/api/v1/bugs/{id}", bug), strangerToken, null).andExpect(status().isNotFound());
        api(post("/api/v1/bugs/{id}/ship", bug), strangerToken, "{\"rca\": \"x\"}").andExpect(status().isNotFound());
        api(post("/api/v1/bugs/{id}/ship", bug), viewerToken, "{\"rca\": \"x\"}").andExpect(status().isForbidden());
        api(post("/api/v1/bugs/{id}/ship", bug), owner, "{\"rca\": \" \"}").andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("rca"));
        api(post("/api/v1/bugs/{id}/ship", bug), owner, "{\"rca\": \"ok\", \"change_url\": \"javascript:alert(1)\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("change_url"));
        assertThat(bugs.of(team.workspace().id(), bug).orElseThrow().shipped()).isFalse();
    }

    @Test
    void theDeployWebhookNeedsTheWorkspaceSecretAndShipsOnce() throws Exception {
        StoredTicket ticket = arrive("Invoice export broken", EXPORT, "ann@example.com");
        UUID bug = bugs.bugOf(ticket.id()).orElseThrow();
        String body = "{\"bug_ids\": [\"" + bug + "\"], \"rca\": \"Fixed in release 42.\", \"change_url\": null}";

        deploy(team.workspace().id(), body, "no-secret-yet").andExpect(status().isUnauthorized());
        String secret = newDeploySecret();
        deploy(team.workspace().id(), body, "wrong").andExpect(status().isUnauthorized());
        deploy(team.workspace().id(), body.replace("42", "43"), secret, body).andExpect(status().isUnauthorized());
        deploy(UUID.randomUUID(), body, secret).andExpect(status().isUnauthorized());
        deploy(team.workspace().id(), "{\"bug_ids\": [\"" + UUID.randomUUID() + "\"], \"rca\": \"x\"}", secret)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("bug_ids"));
        // Sent as a form (curl -d without a Content-Type), the body would not be the bytes that were signed.
        mvc.perform(post("/hooks/deploy/{w}", team.workspace().id()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .header("X-Deskloop-Signature", "sha256=" + HexFormat.of().formatHex(
                                hmac(secret, body.getBytes(StandardCharsets.UTF_8))))
                        .content(body))
                .andExpect(status().isUnsupportedMediaType());

        deploy(team.workspace().id(), body, secret).andExpect(status().isOk())
                .andExpect(jsonPath("$.bugs[0].outcome").value("shipped"));
        deploy(team.workspace().id(), body, secret).andExpect(status().isOk())
                .andExpect(jsonPath("$.bugs[0].outcome").value("already_shipped"));
        jobs.runDue();

        assertThat(rcaReplies(ticket)).hasSize(1);
        assertThat(rcaReplies(ticket).getFirst().body()).contains("Fixed in release 42.");
        assertThat(comments(ticket).stream().filter(c -> !c.isPublic() && c.body().contains("fix for bug"))).isEmpty();
        assertThat(audit()).contains("deploy_secret.generated", "deploy_hook.rejected", "bug.fix_shipped");
        assertThat(jdbc.sql("select count(*) from audit_event where details like :s").param("s", "%" + secret + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void peopleSeeBugsSplitATicketOutAndShipFromThePage() throws Exception {
        StoredTicket first = arrive("Invoice export broken", EXPORT, "ann@example.com");
        StoredTicket second = arrive("Export of invoices gives 500", EXPORT_AGAIN, "bob@example.com");
        UUID bug = bugs.bugOf(first.id()).orElseThrow();

        page(get("/w/{w}/bugs", team.workspace().id())).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Invoice export broken")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/hooks/deploy/" + team.workspace().id())));
        page(get("/w/{w}/bugs/{b}", team.workspace().id(), bug)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("bob@example.com")));

        page(post("/w/{w}/bugs/{b}/split", team.workspace().id(), bug).param("ticket", second.id().toString()))
                .andExpect(status().is3xxRedirection());
        UUID split = bugs.bugOf(second.id()).orElseThrow();
        assertThat(split).isNotEqualTo(bug);
        assertThat(bugs.tickets(split)).extracting(LinkedTicket::how).containsExactly("split");

        page(post("/w/{w}/bugs/{b}/ship", team.workspace().id(), bug).param("rca", "Fixed.").param("change_url", ""))
                .andExpect(status().is3xxRedirection());
        jobs.runDue();
        assertThat(rcaReplies(first)).hasSize(1);
        assertThat(rcaReplies(second)).isEmpty();
        assertThat(audit()).contains("bug.split", "bug.fix_shipped");
    }

    @Test
    void aTicketCannotBeSplitFromAShippedBugSoItsCustomerNeverGetsASecondRootCauseReply() throws Exception {
        StoredTicket first = arrive("Invoice export broken", EXPORT, "cat@example.com");
        StoredTicket second = arrive("Export of invoices gives 500", EXPORT_AGAIN, "dan@example.com");
        UUID bug = bugs.bugOf(first.id()).orElseThrow();
        assertThat(bugs.bugOf(second.id())).contains(bug);
        page(post("/w/{w}/bugs/{b}/ship", team.workspace().id(), bug).param("rca", "Fixed.").param("change_url", ""))
                .andExpect(status().is3xxRedirection());
        jobs.runDue();

        page(post("/w/{w}/bugs/{b}/split", team.workspace().id(), bug).param("ticket", second.id().toString()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("error", org.hamcrest.Matchers.containsString("fix has shipped")));

        assertThat(bugs.bugOf(second.id())).contains(bug);
        assertThat(rcaReplies(second)).hasSize(1);
    }

    @Test
    void aKeyRotationRunningWhileAnAdminMakesANewDeploySecretKeepsTheNewSecret() throws Exception {
        newDeploySecret();
        byte[] readByTheRotation = jdbc.sql("select secret from deploy_secret where workspace_id = :w")
                .param("w", team.workspace().id()).query((rs, row) -> rs.getBytes(1)).single();
        String fresh = newDeploySecret();

        assertThat(deploySecrets.reEncrypt(cipher, team.workspace().id(), readByTheRotation)).isFalse();

        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(deploySecrets.verify(team.workspace().id(), body, "sha256=" + HexFormat.of().formatHex(hmac(fresh, body))))
                .isEqualTo(DeploySecrets.Verification.VALID);
        byte[] current = jdbc.sql("select secret from deploy_secret where workspace_id = :w")
                .param("w", team.workspace().id()).query((rs, row) -> rs.getBytes(1)).single();
        assertThat(deploySecrets.reEncrypt(cipher, team.workspace().id(), current)).isTrue();
        assertThat(deploySecrets.verify(team.workspace().id(), body, "sha256=" + HexFormat.of().formatHex(hmac(fresh, body))))
                .isEqualTo(DeploySecrets.Verification.VALID);
    }

    @Test
    void aDeployNamingABugMergedSinceShipsTheBugItWentInto() throws Exception {
        StoredTicket export = arrive("Invoice export broken", EXPORT, "eve@example.com");
        StoredTicket crash = arrive("iPad app crash on signature", CRASH, "fay@example.com");
        UUID into = bugs.bugOf(export.id()).orElseThrow();
        UUID merged = bugs.bugOf(crash.id()).orElseThrow();
        assertThat(merged).isNotEqualTo(into);
        String secret = newDeploySecret();
        // The pipeline learnt the crash bug's id; a person merged it into the export bug before the deploy.
        page(post("/w/{w}/bugs/{b}/merge", team.workspace().id(), into).param("other", merged.toString()))
                .andExpect(status().is3xxRedirection());
        // And a third bug merged into that one later: ids merged earlier follow it.
        StoredTicket third = arrive("Calendar sync stopped", "Since yesterday our Google calendar no longer syncs "
                + "any jobs, for every technician.", "gus@example.com");
        UUID last = bugs.bugOf(third.id()).orElseThrow();
        page(post("/w/{w}/bugs/{b}/merge", team.workspace().id(), last).param("other", into.toString()))
                .andExpect(status().is3xxRedirection());

        deploy(team.workspace().id(), "{\"bug_ids\": [\"" + merged + "\", \"" + into + "\"], \"rca\": \"Fixed.\"}", secret)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.bugs[?(@.id == '" + merged + "')].merged_into").value(last.toString()))
                .andExpect(jsonPath("$.bugs[?(@.id == '" + into + "')].outcome").value("shipped"));
        jobs.runDue();

        for (StoredTicket ticket : List.of(export, crash, third)) {
            assertThat(rcaReplies(ticket)).hasSize(1);
        }
    }

    private StoredTicket arrive(String subject, String body, String email) throws Exception {
        ZendeskTicket ticket = SIMULATOR.zendesk().createTicket(subdomain,
                new CustomerTicket(subject, body, "Customer " + email, email, List.of()));
        deliver("ticket.created", ticket);
        jobs.runDue();
        return tickets.byExternalId(connectionId, Long.toString(ticket.id())).orElseThrow();
    }

    private void deliver(String event, ZendeskTicket ticket) throws Exception {
        String body = "{\"event\":\"" + event + "\",\"ticket_id\":\"" + ticket.id() + "\",\"updated_at\":\""
                + ticket.updatedAt() + "\"}";
        String timestamp = clock.instant().toString();
        mvc.perform(post("/hooks/{c}", connectionId).contentType(MediaType.APPLICATION_JSON)
                        .header("X-Zendesk-Webhook-Signature", Base64.getEncoder().encodeToString(
                                hmac(signingSecret, (timestamp + body).getBytes(StandardCharsets.UTF_8))))
                        .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                        .header("x-zendesk-webhook-invocation-id", UUID.randomUUID().toString())
                        .content(body))
                .andExpect(status().isOk());
    }

    private String newDeploySecret() throws Exception {
        var result = page(post("/w/{w}/bugs/deploy-secret", team.workspace().id()))
                .andExpect(status().is3xxRedirection()).andReturn();
        return (String) result.getFlashMap().get("deploySecret");
    }

    private ResultActions deploy(UUID workspaceId, String body, String secret) throws Exception {
        return deploy(workspaceId, body, secret, body);
    }

    /** Sends {@code body} signed as if it were {@code signed}. */
    private ResultActions deploy(UUID workspaceId, String body, String secret, String signed) throws Exception {
        return mvc.perform(post("/hooks/deploy/{w}", workspaceId).contentType(MediaType.APPLICATION_JSON)
                .header("X-Deskloop-Signature", "sha256=" + HexFormat.of().formatHex(
                        hmac(secret, signed.getBytes(StandardCharsets.UTF_8))))
                .content(body));
    }

    private ResultActions api(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
                              String token, String body) throws Exception {
        request = request.header("Authorization", "Bearer " + token);
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }

    private ResultActions page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return mvc.perform(request.with(user(fixtures.signedIn(team.owner()))).with(csrf()));
    }

    private List<ZendeskComment> comments(StoredTicket ticket) {
        return SIMULATOR.zendesk().ticket(subdomain, Long.parseLong(ticket.externalId())).orElseThrow().comments();
    }

    /** Public comments Deskloop wrote that are not the triage acknowledgement: the RCA replies. */
    private List<ZendeskComment> rcaReplies(StoredTicket ticket) {
        return comments(ticket).stream().filter(c -> c.isPublic() && c.throughApi()
                && (c.body().contains("Fixed") || c.body().contains("migration"))).toList();
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static byte[] hmac(String secret, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(message);
    }

    private List<String> audit() {
        return jdbc.sql("select action from audit_event where workspace_id = :w").param("w", team.workspace().id())
                .query(String.class).list();
    }
}
