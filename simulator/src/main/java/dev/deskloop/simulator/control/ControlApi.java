package dev.deskloop.simulator.control;

import dev.deskloop.simulator.Attachment;
import dev.deskloop.simulator.Delivery;
import dev.deskloop.simulator.Faults;
import dev.deskloop.simulator.RecordedRequest;
import dev.deskloop.simulator.Simulator;
import dev.deskloop.simulator.http.Call;
import dev.deskloop.simulator.http.Json;
import dev.deskloop.simulator.http.Redaction;
import dev.deskloop.simulator.http.Reply;
import dev.deskloop.simulator.http.Router;
import dev.deskloop.simulator.intercom.CustomerConversation;
import dev.deskloop.simulator.intercom.IntercomConversation;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON control API under {@code /control/}; every endpoint is listed by {@code GET /control}. */
public final class ControlApi {

    private final Simulator simulator;
    private final Router<Call> router = new Router<>(false);

    public ControlApi(Simulator simulator) {
        this.simulator = simulator;
        router.add("GET", "/control", (c, p) -> index())
            .add("GET", "/control/config", (c, p) -> config())
            .add("POST", "/control/reset", (c, p) -> {
                simulator.reset();
                return ok();
            })
            .add("GET", "/control/requests", (c, p) -> requests(c))
            .add("GET", "/control/deliveries", (c, p) -> deliveries(c))
            .add("POST", "/control/deliveries/await", (c, p) -> awaitDeliveries(c))
            .add("GET", "/control/faults/{provider}", (c, p) -> faults(p.get("provider")).map(f -> Reply.json(200, Json.valueOf(f.describe())))
                .orElseGet(() -> error(404, "unknown provider")))
            .add("POST", "/control/faults/{provider}", this::setFaults)
            .add("DELETE", "/control/faults/{provider}", (c, p) -> faults(p.get("provider")).map(f -> {
                f.clear();
                return ok();
            }).orElseGet(() -> error(404, "unknown provider")))
            .add("GET", "/control/zendesk", (c, p) -> Reply.json(200, Json.valueOf(simulator.zendesk().subdomains())))
            .add("POST", "/control/zendesk/tokens/revoke", (c, p) ->
                Reply.json(200, Json.object().put("revoked", simulator.zendesk().revokeAllTokens())))
            .add("POST", "/control/zendesk/{sub}", (c, p) -> {
                simulator.zendesk().createAccount(p.get("sub"));
                return describeZendesk(p.get("sub"));
            })
            .add("GET", "/control/zendesk/{sub}", (c, p) -> describeZendesk(p.get("sub")))
            .add("GET", "/control/zendesk/{sub}/tickets", (c, p) -> Reply.json(200, Json.valueOf(simulator.zendesk().tickets(p.get("sub")))))
            .add("POST", "/control/zendesk/{sub}/tickets", this::createTicket)
            .add("GET", "/control/zendesk/{sub}/tickets/{id}", this::showTicket)
            .add("POST", "/control/zendesk/{sub}/tickets/{id}/replies", this::ticketReply)
            .add("POST", "/control/zendesk/{sub}/tickets/{id}/status", this::ticketStatus)
            .add("POST", "/control/zendesk/{sub}/ticket_fields", this::defineField)
            .add("GET", "/control/zendesk/{sub}/webhooks", (c, p) -> Reply.json(200, Json.valueOf(simulator.zendesk().webhooks(p.get("sub")))))
            .add("GET", "/control/zendesk/{sub}/triggers", (c, p) -> Reply.json(200, Json.valueOf(simulator.zendesk().triggers(p.get("sub")))))
            .add("POST", "/control/zendesk/{sub}/tokens", this::issueZendeskToken)
            .add("POST", "/control/zendesk/{sub}/tokens/revoke", (c, p) ->
                Reply.json(200, Json.object().put("revoked", simulator.zendesk().revokeAllTokens(p.get("sub")))))
            .add("GET", "/control/intercom", (c, p) -> Reply.json(200, simulator.intercom().describe()))
            .add("POST", "/control/intercom/webhook", this::configureIntercomWebhook)
            .add("POST", "/control/intercom/uninstall_url", (c, p) -> {
                JsonNode body = body(c);
                simulator.intercom().configureUninstallUrl(body.path("url").isString() ? body.get("url").stringValue() : null);
                return Reply.json(200, simulator.intercom().describe());
            })
            .add("GET", "/control/intercom/conversations", (c, p) -> Reply.json(200, Json.valueOf(simulator.intercom().conversations())))
            .add("POST", "/control/intercom/conversations", this::createConversation)
            .add("GET", "/control/intercom/conversations/{id}", (c, p) -> simulator.intercom().conversation(p.get("id"))
                .map(conv -> Reply.json(200, Json.valueOf(conv))).orElseGet(() -> error(404, "no such conversation")))
            .add("POST", "/control/intercom/conversations/{id}/replies", this::conversationReply)
            .add("POST", "/control/intercom/tokens", (c, p) -> Reply.json(201, Json.object().put("access_token", simulator.intercom().issueToken())))
            .add("POST", "/control/intercom/tokens/revoke", (c, p) ->
                Reply.json(200, Json.object().put("revoked", simulator.intercom().revokeAllTokens())));
    }

    public Reply handle(Call call) {
        try {
            String path = call.path().endsWith("/") && call.path().length() > 1 ? call.path().substring(0, call.path().length() - 1) : call.path();
            Optional<Router.Match<Call>> match = router.find(call.method(), path);
            if (match.isEmpty()) {
                return router.miss(path) == Router.Miss.METHOD_NOT_ALLOWED ? error(405, "method not allowed")
                    : error(404, "no such control endpoint; GET /control lists them");
            }
            return match.get().handler().handle(call, match.get().params());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return error(400, e.getMessage());
        }
    }

    private Reply index() {
        ObjectNode o = Json.object();
        ArrayNode endpoints = o.putArray("endpoints");
        for (String e : List.of(
            "GET /control/config", "POST /control/reset", "GET /control/requests?provider=&limit=",
            "GET /control/deliveries?provider=", "POST /control/deliveries/await {timeout_ms}",
            "GET|POST|DELETE /control/faults/{zendesk|intercom} {rate_limit_per_minute, fail_next, fail_status, delay_ms, delay_next, duplicate_next_deliveries, reorder_next_deliveries}",
            "GET /control/zendesk", "POST|GET /control/zendesk/{subdomain}",
            "GET|POST /control/zendesk/{subdomain}/tickets {subject, body, requester:{name,email,time_zone}, tags, attachments:[{name, content_type, size, url}]}",
            "GET /control/zendesk/{subdomain}/tickets/{id}", "POST /control/zendesk/{subdomain}/tickets/{id}/replies {body, attachments:[{name, content_type, size, url}]}",
            "POST /control/zendesk/{subdomain}/tickets/{id}/status {status}", "POST /control/zendesk/{subdomain}/ticket_fields {title, type}",
            "GET /control/zendesk/{subdomain}/webhooks", "GET /control/zendesk/{subdomain}/triggers",
            "POST /control/zendesk/{subdomain}/tokens {scope}", "POST /control/zendesk/{subdomain}/tokens/revoke",
            "POST /control/zendesk/tokens/revoke", "GET /control/intercom", "POST /control/intercom/webhook {url, topics}",
            "POST /control/intercom/uninstall_url {url}", "GET|POST /control/intercom/conversations {subject, body, requester:{name,email}, tags, attachments:[{name, content_type, size, url}]}",
            "GET /control/intercom/conversations/{id}", "POST /control/intercom/conversations/{id}/replies {body, attachments:[{name, content_type, size, url}]}",
            "POST /control/intercom/tokens", "POST /control/intercom/tokens/revoke")) {
            endpoints.add(e);
        }
        return Reply.json(200, o);
    }

    private Reply config() {
        ObjectNode o = Json.object();
        o.put("base_url", simulator.baseUrl());
        ObjectNode z = o.putObject("zendesk");
        z.put("base_url_template", simulator.baseUrl() + "/zendesk/{subdomain}");
        z.put("client_id", simulator.zendesk().clientId());
        z.put("client_secret", simulator.zendesk().clientSecret());
        z.put("client_kind", simulator.zendesk().settings().clientKind().name().toLowerCase(java.util.Locale.ROOT));
        ObjectNode i = o.putObject("intercom");
        i.put("api_base_url", simulator.intercom().apiBaseUrl());
        i.put("authorize_url", simulator.intercom().authorizeUrl());
        i.put("client_id", simulator.intercom().clientId());
        i.put("client_secret", simulator.intercom().clientSecret());
        i.put("app_id", simulator.intercom().appId());
        i.put("admin_id", simulator.intercom().adminId());
        return Reply.json(200, o);
    }

    private Reply requests(Call call) {
        Map<String, String> q = call.query();
        int limit = parseInt(q.getOrDefault("limit", "200"), 200);
        List<RecordedRequest> all = simulator.requests().all();
        List<RecordedRequest> selected = new ArrayList<>();
        for (RecordedRequest r : all) {
            if (!q.containsKey("provider") || r.provider().equals(q.get("provider"))) {
                selected.add(r);
            }
        }
        ArrayNode out = Json.array();
        selected.subList(Math.max(0, selected.size() - limit), selected.size()).forEach(r -> {
            ObjectNode o = out.addObject();
            o.put("id", r.id());
            o.put("at", r.at().toString());
            o.put("provider", r.provider());
            o.put("tenant", r.tenant());
            o.put("method", r.method());
            o.put("path", r.path());
            o.put("query", Redaction.query(r.query()));
            o.set("headers", Json.valueOf(r.headers()));
            o.put("body", r.redactedBody());
            o.put("status", r.status());
        });
        return Reply.json(200, out);
    }

    private Reply deliveries(Call call) {
        Optional<String> provider = call.query("provider");
        List<Delivery> list = simulator.deliveries().stream().filter(d -> provider.isEmpty() || d.provider().equals(provider.get())).toList();
        return Reply.json(200, Json.valueOf(list));
    }

    private Reply awaitDeliveries(Call call) {
        long timeout = body(call).path("timeout_ms").asLong(10_000);
        simulator.awaitDeliveries(Duration.ofMillis(timeout));
        return Reply.json(200, Json.object().put("pending", simulator.pendingDeliveries()));
    }

    private Optional<Faults> faults(String provider) {
        return switch (provider) {
            case "zendesk" -> Optional.of(simulator.zendesk().faults());
            case "intercom" -> Optional.of(simulator.intercom().faults());
            default -> Optional.empty();
        };
    }

    private Reply setFaults(Call call, Map<String, String> p) {
        Optional<Faults> faults = faults(p.get("provider"));
        if (faults.isEmpty()) {
            return error(404, "unknown provider");
        }
        JsonNode b = body(call);
        Faults f = faults.get();
        if (b.has("rate_limit_per_minute")) {
            f.rateLimitPerMinute(b.get("rate_limit_per_minute").asInt());
        }
        if (b.has("fail_next")) {
            if (b.has("fail_status")) {
                f.failNext(b.get("fail_next").asInt(), b.get("fail_status").asInt());
            } else {
                f.failNext(b.get("fail_next").asInt());
            }
        }
        if (b.has("delay_ms")) {
            f.delayResponses(Duration.ofMillis(b.get("delay_ms").asLong()));
        }
        if (b.has("delay_next")) {
            f.delayNext(b.get("delay_next").asInt(), Duration.ofMillis(b.path("delay_next_ms").asLong(1000)));
        }
        if (b.has("duplicate_next_deliveries")) {
            f.duplicateNextDeliveries(b.get("duplicate_next_deliveries").asInt());
        }
        if (b.has("reorder_next_deliveries")) {
            f.reorderNextDeliveries(b.get("reorder_next_deliveries").asInt());
        }
        return Reply.json(200, Json.valueOf(f.describe()));
    }

    private Reply describeZendesk(String sub) {
        return simulator.zendesk().describe(sub).map(d -> Reply.json(200, d)).orElseGet(() -> error(404, "no such subdomain yet"));
    }

    private Reply createTicket(Call call, Map<String, String> p) {
        JsonNode b = body(call);
        ZendeskTicket t = simulator.zendesk().createTicket(p.get("sub"), new CustomerTicket(b.path("subject").asString("Help"),
            b.path("body").asString(""), b.path("requester").path("name").asString(null),
            b.path("requester").path("email").asString(null), strings(b.path("tags")), Attachment.fromJson(b.get("attachments")),
            b.path("requester").path("time_zone").asString(null)));
        return Reply.json(201, Json.valueOf(t));
    }

    private Reply showTicket(Call call, Map<String, String> p) {
        long id = parseInt(p.get("id"), -1);
        return simulator.zendesk().ticket(p.get("sub"), id).map(t -> {
            ObjectNode o = (ObjectNode) Json.valueOf(t);
            ArrayNode audits = o.putArray("audits");
            simulator.zendesk().audits(p.get("sub"), id).forEach(a -> audits.add(Json.parse(a).orElseThrow()));
            return Reply.json(200, o);
        }).orElseGet(() -> error(404, "no such ticket"));
    }

    private Reply ticketReply(Call call, Map<String, String> p) {
        JsonNode b = body(call);
        return Reply.json(201, Json.valueOf(simulator.zendesk().addCustomerReply(p.get("sub"), parseInt(p.get("id"), -1),
            b.path("body").asString(""), Attachment.fromJson(b.get("attachments")))));
    }

    private Reply ticketStatus(Call call, Map<String, String> p) {
        return Reply.json(200, Json.valueOf(simulator.zendesk().setStatus(p.get("sub"), parseInt(p.get("id"), -1),
            body(call).path("status").asString("open"))));
    }

    private Reply defineField(Call call, Map<String, String> p) {
        JsonNode b = body(call);
        long id = simulator.zendesk().defineTicketField(p.get("sub"), b.path("title").asString("Field"), b.path("type").asString("text"));
        return Reply.json(201, Json.object().put("id", id));
    }

    private Reply issueZendeskToken(Call call, Map<String, String> p) {
        List<String> pair = simulator.zendesk().issueTokenPair(p.get("sub"), body(call).path("scope").asString("read write"));
        return Reply.json(201, Json.object().put("access_token", pair.get(0)).put("refresh_token", pair.get(1)));
    }

    private Reply configureIntercomWebhook(Call call, Map<String, String> p) {
        JsonNode b = body(call);
        if (!b.path("url").isString()) {
            return error(400, "url is required");
        }
        simulator.intercom().configureWebhook(b.get("url").stringValue(), strings(b.path("topics")));
        return Reply.json(200, simulator.intercom().describe());
    }

    private Reply createConversation(Call call, Map<String, String> p) {
        JsonNode b = body(call);
        IntercomConversation c = simulator.intercom().createConversation(new CustomerConversation(b.path("subject").asString(""),
            b.path("body").asString(""), b.path("requester").path("name").asString(null),
            b.path("requester").path("email").asString(null), strings(b.path("tags")), Attachment.fromJson(b.get("attachments"))));
        return Reply.json(201, Json.valueOf(c));
    }

    private Reply conversationReply(Call call, Map<String, String> p) {
        JsonNode b = body(call);
        return Reply.json(201, Json.valueOf(simulator.intercom().addCustomerReply(p.get("id"), b.path("body").asString(""),
            Attachment.fromJson(b.get("attachments")))));
    }

    private static JsonNode body(Call call) {
        if (call.body().length == 0) {
            return Json.object();
        }
        return Json.parse(call.body()).filter(JsonNode::isObject)
            .orElseThrow(() -> new IllegalArgumentException("the body must be a JSON object"));
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asString("")));
        } else if (node.isString()) {
            for (String s : node.stringValue().split("[,\\s]+")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static int parseInt(String value, int fallback) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Reply ok() {
        return Reply.json(200, Json.object().put("ok", true));
    }

    private static Reply error(int status, String message) {
        return Reply.json(status, Json.object().put("error", message == null ? "error" : message));
    }
}
