package dev.deskloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.deskloop.simulator.Faults;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskComment;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import org.junit.jupiter.api.Test;

/** Write-back into the simulated Zendesk: comments through {@code PUT /api/v2/tickets/{id}}, pacing, token refresh. */
class ZendeskWritebackIT extends WritebackScenarios {

    String subdomain;
    String secret;
    long severityFieldId;

    @Override
    UUID connect() throws Exception {
        subdomain = "wb" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        secret = connections.signingSecret(id).orElseThrow();
        severityFieldId = SIMULATOR.zendesk().defineTicketField(subdomain, "Severity", "text");
        return id;
    }

    @Override
    String createTicket(String subject, String body, String requesterName) {
        return Long.toString(SIMULATOR.zendesk().createTicket(subdomain, new CustomerTicket(subject, body, requesterName,
                "robin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", List.of())).id());
    }

    @Override
    void deliverCreated(String externalId) throws Exception {
        ZendeskTicket ticket = SIMULATOR.zendesk().ticket(subdomain, Long.parseLong(externalId)).orElseThrow();
        deliveries.zendesk(connectionId, "ticket.created", externalId, ticket.createdAt(), secret, clock.instant());
    }

    @Override
    void customerReplies(String externalId, String body) throws Exception {
        ZendeskTicket replied = SIMULATOR.zendesk().addCustomerReply(subdomain, Long.parseLong(externalId), body);
        deliveries.zendesk(connectionId, "ticket.comment_added", externalId, replied.updatedAt(), secret, clock.instant());
    }

    @Override
    List<String> notes(String externalId) {
        return zendeskTicket(externalId).writtenThroughApi().stream().filter(c -> !c.isPublic())
                .map(ZendeskComment::htmlBody).toList();
    }

    @Override
    List<String> publicReplies(String externalId) {
        return zendeskTicket(externalId).writtenThroughApi().stream().filter(ZendeskComment::isPublic)
                .map(ZendeskComment::htmlBody).toList();
    }

    @Override
    Map<String, String> fields(String externalId) {
        var out = new java.util.HashMap<String, String>();
        zendeskTicket(externalId).customFields().forEach((k, v) -> out.put(Long.toString(k), v));
        return out;
    }

    @Override
    Faults faults() {
        return SIMULATOR.zendesk().faults();
    }

    @Override
    void revokeTokens() {
        SIMULATOR.zendesk().revokeAllTokens(subdomain);
    }

    @Override
    String severityField() {
        return Long.toString(severityFieldId);
    }

    @Test
    void anExpiredAccessTokenIsRefreshedBeforeTheNoteIsPosted() throws Exception {
        String id = createTicket("Export broken", BUG, "Robin");
        deliverCreated(id);
        clock.advance(Duration.ofMinutes(115)); // the two-hour token is within the refresh margin

        jobs.runDue();

        assertThat(notes(id)).hasSize(1);
        assertThat(audit()).contains("connection.token_refreshed");
    }

    @Test
    void writesArePacedBelowZendesksTicketUpdateLimit() throws Exception {
        String id = ingested();
        UUID ticketId = ticket(id).id();
        var oldest = clock.instant().minusSeconds(30);
        for (int i = 0; i < 90; i++) {
            jdbc.sql("""
                            insert into outbox (id, workspace_id, connection_id, ticket_id, purpose, idempotency_key, payload,
                                status, attempts, created_at, sent_at)
                            values (:id, :w, :c, :t, 'filler', :key, '{}', 'sent', 1, :at, :at)""")
                    .param("id", UUID.randomUUID()).param("w", team.workspace().id()).param("c", connectionId)
                    .param("t", ticketId).param("key", "filler:" + UUID.randomUUID())
                    .param("at", Timestamp.from(oldest.plusMillis(i))).update();
        }

        OutboxEntry row = enqueueNote(id, "paced");
        jobs.runDue();

        OutboxEntry paced = outbox.byId(row.id()).orElseThrow();
        assertThat(paced.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(paced.nextAttemptAt()).isEqualTo(oldest.plus(Duration.ofMinutes(1)));
        assertThat(notes(id)).noneMatch(n -> n.contains(row.marker()));

        clock.advance(Duration.ofSeconds(31));
        jobs.runDue();

        assertThat(outbox.byId(row.id()).orElseThrow().status()).isEqualTo(OutboxStatus.SENT);
        assertThat(notes(id)).filteredOn(n -> n.contains(row.marker())).hasSize(1);
    }

    private ZendeskTicket zendeskTicket(String externalId) {
        return SIMULATOR.zendesk().ticket(subdomain, Long.parseLong(externalId)).orElseThrow();
    }
}
