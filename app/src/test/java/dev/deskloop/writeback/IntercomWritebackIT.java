package dev.deskloop.writeback;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.deskloop.TestSimulator;
import dev.deskloop.simulator.Faults;
import dev.deskloop.simulator.intercom.CustomerConversation;
import dev.deskloop.simulator.intercom.IntercomConversation;
import dev.deskloop.simulator.intercom.IntercomPart;

/** Write-back into the simulated Intercom: notes and comments as the connection's admin, attributes by name. */
class IntercomWritebackIT extends WritebackScenarios {

    @Override
    UUID connect() throws Exception {
        // One Intercom app serves the whole test run: only the newest connection to it receives its deliveries.
        jdbc.sql("update connection set status = 'disconnected' where provider = 'intercom'").update();
        return flow.connect(team.workspace(), team.owner(), "intercom", null, connections);
    }

    @Override
    String createTicket(String subject, String body, String requesterName) {
        return SIMULATOR.intercom().createConversation(new CustomerConversation(subject, body, requesterName,
                "robin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", List.of())).id();
    }

    @Override
    void deliverCreated(String externalId) throws Exception {
        deliveries.intercom("notif_created_" + externalId, "conversation.user.created", SIMULATOR.intercom().appId(),
                externalId, TestSimulator.INTERCOM_CLIENT_SECRET);
    }

    @Override
    void customerReplies(String externalId, String body) throws Exception {
        SIMULATOR.intercom().addCustomerReply(externalId, body);
        deliveries.intercom("notif_" + UUID.randomUUID(), "conversation.user.replied", SIMULATOR.intercom().appId(),
                externalId, TestSimulator.INTERCOM_CLIENT_SECRET);
    }

    @Override
    List<String> notes(String externalId) {
        return conversation(externalId).writtenThroughApi().stream().filter(IntercomPart::isNote)
                .filter(p -> "admin".equals(p.authorType())).map(IntercomPart::body).toList();
    }

    @Override
    List<String> publicReplies(String externalId) {
        return conversation(externalId).writtenThroughApi().stream().filter(p -> "comment".equals(p.partType()))
                .filter(p -> "admin".equals(p.authorType())).map(IntercomPart::body).toList();
    }

    @Override
    Map<String, String> fields(String externalId) {
        return conversation(externalId).customAttributes();
    }

    @Override
    Faults faults() {
        return SIMULATOR.intercom().faults();
    }

    @Override
    void revokeTokens() {
        SIMULATOR.intercom().revokeAllTokens();
    }

    @Override
    String severityField() {
        return "severity";
    }

    private IntercomConversation conversation(String id) {
        return SIMULATOR.intercom().conversation(id).orElseThrow();
    }
}
