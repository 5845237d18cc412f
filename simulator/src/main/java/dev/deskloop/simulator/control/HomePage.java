package dev.deskloop.simulator.control;

import dev.deskloop.simulator.Attachment;
import dev.deskloop.simulator.Delivery;
import dev.deskloop.simulator.RecordedRequest;
import dev.deskloop.simulator.Simulator;
import dev.deskloop.simulator.http.Call;
import dev.deskloop.simulator.http.Html;
import dev.deskloop.simulator.http.Redaction;
import dev.deskloop.simulator.http.Reply;
import dev.deskloop.simulator.intercom.CustomerConversation;
import dev.deskloop.simulator.intercom.IntercomConversation;
import dev.deskloop.simulator.intercom.IntercomPart;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskComment;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page for people at {@code /}: create a Zendesk ticket or an Intercom conversation as a customer,
 * add customer replies, see every comment, note, reply and field value the application wrote, and read
 * the request log. Everything shown is HTML-escaped; tokens and secrets are redacted.
 */
public final class HomePage {

    private final Simulator simulator;

    public HomePage(Simulator simulator) {
        this.simulator = simulator;
    }

    public Reply handle(Call call) {
        try {
            return route(call);
        } catch (IllegalArgumentException e) {
            return Reply.html(400, Html.page("Simulator", "<h1>Could not do that</h1><p>" + Html.escape(e.getMessage())
                + "</p><p><a href=\"/\">Back</a></p>"));
        }
    }

    private Reply route(Call call) {
        String path = call.path();
        String[] parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        if (call.method().equals("GET")) {
            if (parts.length == 0) {
                return Reply.html(200, home());
            }
            if (path.equals("/ui/requests")) {
                return Reply.html(200, requestsPage());
            }
            if (parts.length == 5 && parts[0].equals("ui") && parts[1].equals("zendesk") && parts[3].equals("tickets")) {
                return ticketPage(parts[2], parseLong(parts[4]));
            }
            if (parts.length == 4 && parts[0].equals("ui") && parts[1].equals("intercom") && parts[2].equals("conversations")) {
                return conversationPage(parts[3]);
            }
            if (path.equals("/favicon.ico")) {
                return Reply.empty(204);
            }
        } else if (call.method().equals("POST")) {
            Map<String, String> form = call.form();
            if (path.equals("/ui/zendesk/tickets")) {
                String sub = form.getOrDefault("subdomain", "acme").trim();
                ZendeskTicket t = simulator.zendesk().createTicket(sub, new CustomerTicket(form.getOrDefault("subject", ""),
                    form.getOrDefault("body", ""), form.get("name"), form.get("email"), tags(form.get("tags"))));
                return seeOther("/ui/zendesk/" + enc(sub) + "/tickets/" + t.id());
            }
            if (parts.length == 6 && parts[1].equals("zendesk") && parts[5].equals("reply")) {
                simulator.zendesk().addCustomerReply(parts[2], parseLong(parts[4]), form.getOrDefault("body", ""));
                return seeOther("/ui/zendesk/" + enc(parts[2]) + "/tickets/" + parseLong(parts[4]));
            }
            if (path.equals("/ui/intercom/conversations")) {
                IntercomConversation c = simulator.intercom().createConversation(new CustomerConversation(
                    form.getOrDefault("subject", ""), form.getOrDefault("body", ""), form.get("name"), form.get("email"),
                    tags(form.get("tags"))));
                return seeOther("/ui/intercom/conversations/" + c.id());
            }
            if (parts.length == 5 && parts[1].equals("intercom") && parts[4].equals("reply")) {
                simulator.intercom().addCustomerReply(parts[3], form.getOrDefault("body", ""));
                return seeOther("/ui/intercom/conversations/" + enc(parts[3]));
            }
        }
        return Reply.html(404, Html.page("Not found", "<h1>Not found</h1><p><a href=\"/\">Simulator home</a></p>"));
    }

    private String home() {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Deskloop provider simulator</h1>");
        b.append("<p class=\"muted\">Zendesk base URL: <code>").append(Html.escape(simulator.baseUrl())).append("/zendesk/{subdomain}</code>")
            .append(" &middot; client id <code>").append(Html.escape(simulator.zendesk().clientId())).append("</code><br>")
            .append("Intercom API: <code>").append(Html.escape(simulator.intercom().apiBaseUrl())).append("</code>, consent page <code>")
            .append(Html.escape(simulator.intercom().authorizeUrl())).append("</code> &middot; client id <code>")
            .append(Html.escape(simulator.intercom().clientId())).append("</code><br>")
            .append("Control API: <a href=\"/control\"><code>/control</code></a> &middot; <a href=\"/ui/requests\">request log</a></p>");

        b.append("<h2>Zendesk</h2>");
        b.append("""
            <form class="card" method="post" action="/ui/zendesk/tickets">
            <strong>New ticket as a customer</strong>
            <label>Subdomain <input type="text" name="subdomain" value="acme" required pattern="[A-Za-z0-9-]+"></label>
            <label>Subject <input type="text" name="subject" required></label>
            <label>Description <textarea name="body" rows="4" required></textarea></label>
            <label>Requester name <input type="text" name="name" value="Casey Customer"></label>
            <label>Requester email <input type="text" name="email" value="casey@example.com"></label>
            <label>Tags (space separated) <input type="text" name="tags"></label>
            <button type="submit">Create ticket</button>
            </form>
            """);
        for (String sub : simulator.zendesk().subdomains()) {
            b.append("<h3>").append(Html.escape(sub)).append("</h3><table><tr><th>#</th><th>Subject</th><th>Status</th><th>Comments</th><th>Written by the app</th></tr>");
            for (ZendeskTicket t : simulator.zendesk().tickets(sub)) {
                b.append("<tr><td><a href=\"/ui/zendesk/").append(enc(sub)).append("/tickets/").append(t.id()).append("\">")
                    .append(t.id()).append("</a></td><td>").append(Html.escape(t.subject())).append("</td><td>").append(Html.escape(t.status()))
                    .append("</td><td>").append(t.comments().size()).append("</td><td>").append(t.writtenThroughApi().size()).append("</td></tr>");
            }
            b.append("</table>");
        }

        b.append("<h2>Intercom</h2>");
        b.append("<p class=\"muted\">Webhook URL: <code>").append(Html.escape(simulator.intercom().webhookUrl().orElse("(not configured)")))
            .append("</code></p>");
        b.append("""
            <form class="card" method="post" action="/ui/intercom/conversations">
            <strong>New conversation as a customer</strong>
            <label>Subject (optional) <input type="text" name="subject"></label>
            <label>Message <textarea name="body" rows="4" required></textarea></label>
            <label>Name <input type="text" name="name" value="Casey Customer"></label>
            <label>Email <input type="text" name="email" value="casey@example.com"></label>
            <label>Tags (space separated) <input type="text" name="tags"></label>
            <button type="submit">Start conversation</button>
            </form>
            """);
        b.append("<table><tr><th>Id</th><th>Title</th><th>State</th><th>Parts</th><th>Written by the app</th></tr>");
        for (IntercomConversation c : simulator.intercom().conversations()) {
            b.append("<tr><td><a href=\"/ui/intercom/conversations/").append(enc(c.id())).append("\">").append(Html.escape(c.id()))
                .append("</a></td><td>").append(Html.escape(c.title())).append("</td><td>").append(Html.escape(c.state()))
                .append("</td><td>").append(c.parts().size()).append("</td><td>").append(c.writtenThroughApi().size()).append("</td></tr>");
        }
        b.append("</table>");

        b.append("<h2>Recent webhook deliveries</h2><table><tr><th>Provider</th><th>Topic</th><th>URL</th><th>Attempt</th><th>Status</th></tr>");
        List<Delivery> deliveries = simulator.deliveries();
        for (Delivery d : deliveries.subList(Math.max(0, deliveries.size() - 20), deliveries.size()).reversed()) {
            b.append("<tr><td>").append(Html.escape(d.provider())).append("</td><td>").append(Html.escape(d.topic())).append("</td><td>")
                .append(Html.escape(d.url())).append("</td><td>").append(d.attempt()).append("</td><td>")
                .append(d.status() == 0 ? Html.escape(d.error()) : d.status()).append("</td></tr>");
        }
        b.append("</table>");
        return Html.page("Deskloop simulator", b.toString());
    }

    private Reply ticketPage(String sub, long id) {
        Optional<ZendeskTicket> found = simulator.zendesk().ticket(sub, id);
        if (found.isEmpty()) {
            return Reply.html(404, Html.page("Not found", "<h1>No such ticket</h1><p><a href=\"/\">Back</a></p>"));
        }
        ZendeskTicket t = found.get();
        Map<Long, String> fieldTitles = simulator.zendesk().ticketFields(sub);
        StringBuilder b = new StringBuilder("<p><a href=\"/\">&larr; Simulator</a></p>");
        b.append("<h1>Zendesk ").append(Html.escape(sub)).append(" &middot; ticket #").append(t.id()).append(": ")
            .append(Html.escape(t.subject())).append("</h1>");
        b.append("<p>Status <strong>").append(Html.escape(t.status())).append("</strong>")
            .append(t.priority() == null ? "" : " &middot; priority " + Html.escape(t.priority()))
            .append(" &middot; tags: ").append(Html.escape(String.join(" ", t.tags()))).append("</p>");
        b.append("<h2>Custom fields</h2><table><tr><th>Field</th><th>Value</th></tr>");
        if (t.customFields().isEmpty()) {
            b.append("<tr><td colspan=\"2\" class=\"muted\">none set</td></tr>");
        }
        t.customFields().forEach((fieldId, value) -> b.append("<tr><td>").append(Html.escape(fieldTitles.getOrDefault(fieldId, "unknown field")))
            .append(" (").append(fieldId).append(")</td><td>").append(Html.escape(value)).append("</td></tr>"));
        b.append("</table><h2>Conversation</h2><table><tr><th>When</th><th>Author</th><th>Kind</th><th>Body</th></tr>");
        for (ZendeskComment c : t.comments()) {
            b.append("<tr").append(c.isPublic() ? "" : " class=\"note\"").append("><td>").append(Html.escape(c.createdAt()))
                .append("</td><td>").append(c.authorId() == t.requesterId() ? "customer" : "agent " + c.authorId())
                .append(c.throughApi() ? " (API)" : "").append("</td><td>").append(c.isPublic() ? "public reply" : "internal note")
                .append("</td><td><pre>").append(Html.escape(c.body())).append("</pre>").append(files(c.attachments())).append("</td></tr>");
        }
        b.append("</table>");
        b.append("<form class=\"card\" method=\"post\" action=\"/ui/zendesk/").append(enc(sub)).append("/tickets/").append(t.id())
            .append("/reply\"><label>Reply as the customer <textarea name=\"body\" rows=\"3\" required></textarea></label>")
            .append("<button type=\"submit\">Send reply</button></form>");
        b.append("<h2>Audits (API updates)</h2>");
        for (String audit : simulator.zendesk().audits(sub, id)) {
            b.append("<pre>").append(Html.escape(audit)).append("</pre><hr>");
        }
        return Reply.html(200, Html.page("Ticket " + t.id(), b.toString()));
    }

    private Reply conversationPage(String id) {
        Optional<IntercomConversation> found = simulator.intercom().conversation(id);
        if (found.isEmpty()) {
            return Reply.html(404, Html.page("Not found", "<h1>No such conversation</h1><p><a href=\"/\">Back</a></p>"));
        }
        IntercomConversation c = found.get();
        StringBuilder b = new StringBuilder("<p><a href=\"/\">&larr; Simulator</a></p>");
        b.append("<h1>Intercom conversation ").append(Html.escape(c.id())).append(c.title() == null ? "" : ": " + Html.escape(c.title()))
            .append("</h1><p>State <strong>").append(Html.escape(c.state())).append("</strong> &middot; tags: ")
            .append(Html.escape(String.join(" ", c.tags()))).append("</p>");
        b.append("<h2>Custom attributes</h2><table><tr><th>Name</th><th>Value</th></tr>");
        if (c.customAttributes().isEmpty()) {
            b.append("<tr><td colspan=\"2\" class=\"muted\">none set</td></tr>");
        }
        c.customAttributes().forEach((k, v) -> b.append("<tr><td>").append(Html.escape(k)).append("</td><td>").append(Html.escape(v)).append("</td></tr>"));
        b.append("</table><h2>Conversation</h2><table><tr><th>When</th><th>Author</th><th>Kind</th><th>Body (HTML shown as text)</th></tr>");
        b.append("<tr><td>").append(Html.escape(c.createdAt())).append("</td><td>customer</td><td>first message</td><td><pre>")
            .append(Html.escape(c.sourceBody())).append("</pre>").append(files(c.sourceAttachments())).append("</td></tr>");
        for (IntercomPart p : c.parts()) {
            b.append("<tr").append(p.isNote() ? " class=\"note\"" : "").append("><td>").append(Html.escape(p.createdAt())).append("</td><td>")
                .append(Html.escape(p.authorType() + " " + p.authorId())).append(p.appPackageCode() == null ? "" : " (API)")
                .append("</td><td>").append(Html.escape(p.partType())).append("</td><td><pre>").append(Html.escape(p.body())).append("</pre>")
                .append(files(p.attachments())).append("</td></tr>");
        }
        b.append("</table><form class=\"card\" method=\"post\" action=\"/ui/intercom/conversations/").append(enc(c.id()))
            .append("/reply\"><label>Reply as the customer <textarea name=\"body\" rows=\"3\" required></textarea></label>")
            .append("<button type=\"submit\">Send reply</button></form>");
        return Reply.html(200, Html.page("Conversation " + c.id(), b.toString()));
    }

    /** Attachment metadata as text (the simulator serves no files, so nothing is linked). */
    private static String files(List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<ul class=\"muted\">");
        for (Attachment a : attachments) {
            b.append("<li>").append(Html.escape(a.name())).append(" (").append(Html.escape(a.contentType())).append(", ")
                .append(a.size()).append(" bytes) ").append(Html.escape(a.url())).append("</li>");
        }
        return b.append("</ul>").toString();
    }

    private String requestsPage() {
        StringBuilder b = new StringBuilder("<p><a href=\"/\">&larr; Simulator</a></p><h1>Recorded requests</h1>");
        b.append("<p class=\"muted\">Newest first. Authorization headers, tokens and secrets are redacted.</p>");
        b.append("<table><tr><th>#</th><th>Provider</th><th>Request</th><th>Status</th><th>Body</th></tr>");
        List<RecordedRequest> all = simulator.requests().all();
        for (RecordedRequest r : all.reversed()) {
            String query = Redaction.query(r.query());
            b.append("<tr><td>").append(r.id()).append("</td><td>").append(Html.escape(r.provider() + " " + r.tenant())).append("</td><td><code>")
                .append(Html.escape(r.method() + " " + r.path() + (query.isEmpty() ? "" : "?" + query))).append("</code></td><td>")
                .append(r.status()).append("</td><td><pre>").append(Html.escape(r.redactedBody())).append("</pre></td></tr>");
        }
        b.append("</table>");
        return Html.page("Recorded requests", b.toString());
    }

    private static List<String> tags(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.stream(text.trim().split("[,\\s]+")).toList();
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + value);
        }
    }

    private static Reply seeOther(String location) {
        return new Reply(303, Map.of("Location", location), new byte[0]);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
