package dev.deskloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import dev.deskloop.TestSimulator;
import dev.deskloop.connection.ConnectionFlow;
import dev.deskloop.connection.Connections;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.simulator.Attachment;
import dev.deskloop.simulator.intercom.CustomerConversation;
import dev.deskloop.simulator.intercom.IntercomConversation;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import dev.deskloop.tickets.StoredTicket;
import dev.deskloop.tickets.TicketAttachment;
import dev.deskloop.tickets.Tickets;
import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A customer attaches files in the simulated Zendesk or Intercom; the webhook makes Deskloop fetch the ticket, store
 * the files' metadata with its messages (once, however often it is fetched) and list them on the ticket page.
 */
class AttachmentIngestionIT extends IntegrationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Connections connections;

    @Autowired
    Tickets tickets;

    @Autowired
    Jobs jobs;

    @Test
    void zendeskCommentAttachmentsReachTheTicketPage() throws Exception {
        Fixtures.Team team = fixtures.team("zd-files");
        String subdomain = "files" + UUID.randomUUID().toString().substring(0, 8);
        UUID connectionId = new ConnectionFlow(mvc, fixtures).connect(team.workspace(), team.owner(), "zendesk", subdomain,
                connections);
        String secret = connections.signingSecret(connectionId).orElseThrow();
        Deliveries deliveries = new Deliveries(mvc);
        jobs.runDue();

        ZendeskTicket created = SIMULATOR.zendesk().createTicket(subdomain, CustomerTicket.of("Export fails",
                        "The invoice export fails with a 500 error, log attached.")
                .withAttachments(List.of(Attachment.of("export <1>.log", "text/plain", 2532),
                        new Attachment("evil.html", "text/html", 10, "javascript:alert(1)"))));
        deliveries.zendesk(connectionId, Deliveries.zendeskBody("ticket.created", created.id(), created.updatedAt()),
                secret, clock.instant()).andExpect(status().isOk());
        jobs.runDue();

        StoredTicket stored = tickets.byExternalId(connectionId, Long.toString(created.id())).orElseThrow();
        List<TicketAttachment> files = tickets.attachments(team.workspace().id(), stored.id());
        String logUrl = created.comments().getFirst().attachments().getFirst().url();
        assertThat(files).containsExactly(
                new TicketAttachment(0, Long.toString(created.comments().getFirst().id()), "export <1>.log", "text/plain",
                        2532L, logUrl),
                new TicketAttachment(0, Long.toString(created.comments().getFirst().id()), "evil.html", "text/html", 10L,
                        null));

        ZendeskTicket replied = SIMULATOR.zendesk().addCustomerReply(subdomain, created.id(), "And a screenshot.",
                List.of(Attachment.of("screen.png", "image/png", 166_144)));
        deliveries.zendesk(connectionId, Deliveries.zendeskBody("ticket.comment_added", created.id(), replied.updatedAt()),
                secret, clock.instant()).andExpect(status().isOk());
        jobs.runDue();

        // The reply is the last message (Deskloop's own triage note may come between).
        int reply = tickets.of(team.workspace().id(), stored.id()).orElseThrow().messageCount() - 1;
        assertThat(tickets.attachments(team.workspace().id(), stored.id()))
                .extracting(TicketAttachment::messageIndex, TicketAttachment::name)
                .containsExactly(tuple(0, "export <1>.log"), tuple(0, "evil.html"), tuple(reply, "screen.png"));

        String page = mvc.perform(get("/w/{w}/tickets/{t}", team.workspace().id(), stored.id())
                        .with(user(fixtures.signedIn(team.owner()))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("export &lt;1&gt;.log").doesNotContain("export <1>.log")
                .contains("href=\"" + logUrl + "\"").contains("rel=\"noopener noreferrer\"")
                .contains("screen.png").contains("162 KB").contains("2.5 KB")
                .contains("evil.html").doesNotContain("javascript:");
    }

    @Test
    void intercomAttachmentsOfTheFirstMessageAndOfAFileOnlyReplyAreStored() throws Exception {
        jdbc.sql("update connection set status = 'disconnected' where provider = 'intercom'").update();
        Fixtures.Team team = fixtures.team("ic-files");
        UUID connectionId = new ConnectionFlow(mvc, fixtures).connect(team.workspace(), team.owner(), "intercom", null,
                connections);
        Deliveries deliveries = new Deliveries(mvc);
        String appId = SIMULATOR.intercom().appId();

        IntercomConversation conversation = SIMULATOR.intercom().createConversation(CustomerConversation.of(
                "Chart broken", "The revenue chart is empty since this morning, see the screenshot.")
                .withAttachments(List.of(Attachment.of("chart.png", "image/png", 4096))));
        deliveries.intercom("/hooks/intercom", Deliveries.intercomBody("notif_" + UUID.randomUUID(),
                "conversation.user.created", appId, conversation.id()), TestSimulator.INTERCOM_CLIENT_SECRET)
                .andExpect(status().isOk());
        jobs.runDue();
        SIMULATOR.intercom().addCustomerReply(conversation.id(), "",
                List.of(new Attachment("console.txt", "text/plain", 77, "https://files.example.com/console.txt")));
        deliveries.intercom("/hooks/intercom", Deliveries.intercomBody("notif_" + UUID.randomUUID(),
                "conversation.user.replied", appId, conversation.id()), TestSimulator.INTERCOM_CLIENT_SECRET)
                .andExpect(status().isOk());
        jobs.runDue();

        StoredTicket stored = tickets.byExternalId(connectionId, conversation.id()).orElseThrow();
        int reply = stored.messageCount() - 1;
        assertThat(tickets.attachments(team.workspace().id(), stored.id()))
                .extracting(TicketAttachment::messageIndex, TicketAttachment::name, TicketAttachment::size,
                        TicketAttachment::url)
                .containsExactly(tuple(0, "chart.png", 4096L, conversation.sourceAttachments().getFirst().url()),
                        tuple(reply, "console.txt", 77L, "https://files.example.com/console.txt"));
    }
}
