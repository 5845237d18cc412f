package dev.deskloop.tickets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.deskloop.helpdesk.HelpdeskMessage;
import dev.deskloop.helpdesk.HelpdeskTicket;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.triage.Requester;
import dev.deskloop.triage.TicketDocument;
import dev.deskloop.triage.TicketMessage;
import dev.deskloop.triage.json.TriageJson;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Converts provider tickets into the triage contract's {@code TicketDocument}, and documents to and from JSON. */
final class TicketDocuments {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TicketDocuments() {
    }

    static TicketDocument from(ProviderId provider, HelpdeskTicket ticket, Instant fallbackCreatedAt) {
        List<TicketMessage> messages = new ArrayList<>();
        Instant created = ticket.createdAt() != null ? ticket.createdAt() : fallbackCreatedAt;
        for (HelpdeskMessage message : ticket.messages()) {
            TicketMessage.Author author = switch (message.author()) {
                case CUSTOMER -> TicketMessage.Author.CUSTOMER;
                case AGENT -> TicketMessage.Author.AGENT;
                case BOT -> TicketMessage.Author.BOT;
            };
            messages.add(new TicketMessage(author, message.isPublic(), message.body() == null ? "" : message.body(),
                    message.createdAt() != null ? message.createdAt() : created));
        }
        return new TicketDocument(ticket.externalId(),
                provider == ProviderId.ZENDESK ? TicketDocument.Source.ZENDESK : TicketDocument.Source.INTERCOM,
                ticket.subject(), created, new Requester(ticket.requesterName(), ticket.requesterEmail()),
                ticket.tags(), messages);
    }

    /** The document in the contract's JSON shape (what {@code ./deskloop triage} reads). */
    static String toJson(TicketDocument document) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", document.id());
        root.put("source", document.source().name().toLowerCase(java.util.Locale.ROOT));
        root.put("subject", document.subject());
        root.put("created_at", document.createdAt().toString());
        ObjectNode requester = root.putObject("requester");
        requester.put("name", document.requester().name());
        requester.put("email", document.requester().email());
        ArrayNode tags = root.putArray("tags");
        document.tags().forEach(tags::add);
        ArrayNode messages = root.putArray("messages");
        for (TicketMessage message : document.messages()) {
            ObjectNode m = messages.addObject();
            m.put("author", message.author().name().toLowerCase(java.util.Locale.ROOT));
            m.put("public", message.isPublic());
            m.put("body", message.body());
            m.put("created_at", message.createdAt().toString());
        }
        return JSON.writeValueAsString(root);
    }

    static TicketDocument fromJson(String json) {
        return TriageJson.readDocument(json);
    }
}
