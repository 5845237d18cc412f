package dev.deskloop.simulator.zendesk;

import dev.deskloop.simulator.Attachment;
import dev.deskloop.simulator.Delivery;
import dev.deskloop.simulator.Faults;
import dev.deskloop.simulator.http.Call;
import dev.deskloop.simulator.http.Html;
import dev.deskloop.simulator.http.Json;
import dev.deskloop.simulator.http.RateWindow;
import dev.deskloop.simulator.http.Recorder;
import dev.deskloop.simulator.http.Reply;
import dev.deskloop.simulator.http.Router;
import dev.deskloop.simulator.http.WebhookQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The handle on the simulated Zendesk: serves {@code {base}/zendesk/{subdomain}/...} and lets tests and
 * the control API act as customers (create tickets, reply), inspect what the application wrote, manage
 * tokens and inject faults. Every syntactically valid subdomain exists on demand unless
 * {@link ZendeskSettings#requireKnownSubdomain()} is set; each has isolated state.
 */
public final class ZendeskSimulator {

    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private final ZendeskSettings settings;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final Recorder recorder;
    private final WebhookQueue queue;
    private final Faults faults = new Faults(503);
    private final ConcurrentMap<String, ZendeskAccount> accounts = new ConcurrentHashMap<>();
    private final ZendeskOAuth oauth;
    private final ZendeskDeliveries deliveries;
    private final ZendeskApi api;

    public ZendeskSimulator(ZendeskSettings settings, Clock clock, Supplier<String> baseUrl, Recorder recorder, WebhookQueue queue) {
        this.settings = settings;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.recorder = recorder;
        this.queue = queue;
        this.oauth = new ZendeskOAuth(settings, clock);
        this.deliveries = new ZendeskDeliveries(settings, clock, queue, faults);
        this.api = new ZendeskApi(settings, clock, deliveries);
    }

    public ZendeskSettings settings() {
        return settings;
    }

    public String clientId() {
        return settings.clientId();
    }

    public String clientSecret() {
        return settings.clientSecret();
    }

    /** The base URL standing in for {@code https://{subdomain}.zendesk.com}. */
    public String baseUrl(String subdomain) {
        return baseUrl.get() + "/zendesk/" + subdomain;
    }

    public Faults faults() {
        return faults;
    }

    /** Creates a subdomain's account explicitly (needed when {@code requireKnownSubdomain} is set). */
    public void createAccount(String subdomain) {
        account(subdomain, true).orElseThrow(() -> new IllegalArgumentException("not a valid subdomain: " + subdomain));
    }

    public Set<String> subdomains() {
        return new TreeSet<>(accounts.keySet());
    }

    /** Creates a ticket as a customer would, firing triggers and event webhooks. */
    public ZendeskTicket createTicket(String subdomain, CustomerTicket input) {
        ZendeskAccount a = require(subdomain);
        List<WebhookQueue.Job> jobs;
        ZendeskTicket snapshot;
        synchronized (a) {
            Instant now = clock.instant();
            ZendeskAccount.User requester = a.endUser(input.requesterName(), input.requesterEmail(), now);
            if (input.requesterZone() != null) {
                requester.ianaZone = input.requesterZone();
            }
            ZendeskAccount.Ticket t = new ZendeskAccount.Ticket(a.newTicketId(), input.subject(), input.body(), requester.id, now);
            input.tags().forEach(tag -> t.addTag(tag.toLowerCase(Locale.ROOT)));
            ZendeskAccount.Comment first = customerComment(a, requester.id, input.body(), input.attachments(), now);
            t.comments.add(first);
            a.tickets.put(t.id, t);
            jobs = deliveries.onChange(a, t, new ZendeskDeliveries.Change(true, first, null, "end_user", requester.id));
            snapshot = snapshot(a, t);
        }
        deliveries.send(jobs);
        return snapshot;
    }

    /** Adds a public reply from the ticket's requester; a solved or pending ticket reopens. */
    public ZendeskTicket addCustomerReply(String subdomain, long ticketId, String body) {
        return addCustomerReply(subdomain, ticketId, body, List.of());
    }

    /** Adds a public reply from the ticket's requester with files attached (metadata only). */
    public ZendeskTicket addCustomerReply(String subdomain, long ticketId, String body, List<Attachment> attachments) {
        ZendeskAccount a = require(subdomain);
        List<WebhookQueue.Job> jobs;
        ZendeskTicket snapshot;
        synchronized (a) {
            ZendeskAccount.Ticket t = existingTicket(a, ticketId);
            Instant now = clock.instant();
            ZendeskAccount.Comment c = customerComment(a, t.requesterId, body, attachments, now);
            t.comments.add(c);
            String previous = t.status;
            if (List.of("pending", "solved", "hold").contains(t.status)) {
                t.status = "open";
            }
            t.updatedAt = now;
            jobs = deliveries.onChange(a, t, new ZendeskDeliveries.Change(false, c, previous, "end_user", t.requesterId));
            snapshot = snapshot(a, t);
        }
        deliveries.send(jobs);
        return snapshot;
    }

    /** A public comment written by the customer in the Zendesk UI, with the HTML Zendesk renders for it. */
    private ZendeskAccount.Comment customerComment(ZendeskAccount a, long authorId, String body, List<Attachment> attachments,
                                                   Instant now) {
        return new ZendeskAccount.Comment(a.newCommentId(), authorId, body,
            "<div class=\"zd-comment\" dir=\"auto\"><p>" + Html.escape(body).replace("\n", "<br>") + "</p></div>",
            true, false, a.newAuditId(), now, a.files(baseUrl(a.subdomain), attachments));
    }

    private static ZendeskAccount.Ticket existingTicket(ZendeskAccount a, long ticketId) {
        ZendeskAccount.Ticket t = a.tickets.get(ticketId);
        if (t == null) {
            throw new IllegalArgumentException("no ticket " + ticketId + " on " + a.subdomain);
        }
        return t;
    }

    /** Changes a ticket's status as an agent in the Zendesk UI would (e.g. to test closed tickets). */
    public ZendeskTicket setStatus(String subdomain, long ticketId, String status) {
        ZendeskAccount a = require(subdomain);
        List<WebhookQueue.Job> jobs;
        ZendeskTicket snapshot;
        synchronized (a) {
            ZendeskAccount.Ticket t = existingTicket(a, ticketId);
            String previous = t.status;
            t.status = status;
            t.updatedAt = clock.instant();
            jobs = deliveries.onChange(a, t, new ZendeskDeliveries.Change(false, null, previous, "agent", a.adminId));
            snapshot = snapshot(a, t);
        }
        deliveries.send(jobs);
        return snapshot;
    }

    public Optional<ZendeskTicket> ticket(String subdomain, long id) {
        ZendeskAccount a = accounts.get(normalize(subdomain));
        if (a == null) {
            return Optional.empty();
        }
        synchronized (a) {
            ZendeskAccount.Ticket t = a.tickets.get(id);
            return t == null ? Optional.empty() : Optional.of(snapshot(a, t));
        }
    }

    public List<ZendeskTicket> tickets(String subdomain) {
        ZendeskAccount a = accounts.get(normalize(subdomain));
        if (a == null) {
            return List.of();
        }
        synchronized (a) {
            return a.tickets.values().stream().map(t -> snapshot(a, t)).toList();
        }
    }

    /** The raw ticket audits (what each API update changed), as JSON text. */
    public List<String> audits(String subdomain, long ticketId) {
        ZendeskAccount a = require(subdomain);
        synchronized (a) {
            ZendeskAccount.Ticket t = a.tickets.get(ticketId);
            return t == null ? List.of() : t.audits.stream().map(Json::text).toList();
        }
    }

    /** Defines a custom ticket field and returns its id. */
    public long defineTicketField(String subdomain, String title, String type) {
        ZendeskAccount a = require(subdomain);
        synchronized (a) {
            ZendeskAccount.TicketField f = new ZendeskAccount.TicketField(a.newFieldId(), title, type, clock.instant());
            a.fields.put(f.id, f);
            return f.id;
        }
    }

    /** Custom ticket fields: id to title. */
    public Map<Long, String> ticketFields(String subdomain) {
        ZendeskAccount a = require(subdomain);
        synchronized (a) {
            Map<Long, String> out = new LinkedHashMap<>();
            a.fields.values().forEach(f -> out.put(f.id, f.title));
            return out;
        }
    }

    public List<ZendeskWebhook> webhooks(String subdomain) {
        ZendeskAccount a = accounts.get(normalize(subdomain));
        if (a == null) {
            return List.of();
        }
        synchronized (a) {
            return a.webhooks.values().stream().map(w -> new ZendeskWebhook(w.id, w.name, w.endpoint, w.httpMethod,
                w.requestFormat, w.status, w.subscriptions, w.signingSecret)).toList();
        }
    }

    public List<ZendeskTrigger> triggers(String subdomain) {
        ZendeskAccount a = accounts.get(normalize(subdomain));
        if (a == null) {
            return List.of();
        }
        synchronized (a) {
            return a.triggers.values().stream().map(t -> new ZendeskTrigger(t.id, t.title, t.active,
                Json.text(t.conditions), Json.text(t.actions))).toList();
        }
    }

    /** Issues an access token without the browser flow, e.g. {@code issueToken("acme", "read write")}. */
    public String issueToken(String subdomain, String scope) {
        return oauth.issue(require(subdomain), scope).accessToken;
    }

    /** Issues a token pair without the browser flow: access token and refresh token. */
    public List<String> issueTokenPair(String subdomain, String scope) {
        ZendeskAccount.Token token = oauth.issue(require(subdomain), scope);
        return List.of(token.accessToken, token.refreshToken);
    }

    /** Revokes one access token (and its refresh token); false if unknown. */
    public boolean revokeToken(String accessToken) {
        for (ZendeskAccount a : accounts.values()) {
            synchronized (a) {
                ZendeskAccount.Token token = a.tokensByAccess.get(accessToken);
                if (token != null) {
                    token.revokedAt = clock.instant();
                    token.refreshRevokedAt = clock.instant();
                    return true;
                }
            }
        }
        return false;
    }

    /** Revokes every access and refresh token on every subdomain, as an admin removing the app would. */
    public int revokeAllTokens() {
        int count = 0;
        for (ZendeskAccount a : accounts.values()) {
            count += revokeAll(a);
        }
        return count;
    }

    public int revokeAllTokens(String subdomain) {
        ZendeskAccount a = accounts.get(normalize(subdomain));
        return a == null ? 0 : revokeAll(a);
    }

    private int revokeAll(ZendeskAccount a) {
        synchronized (a) {
            Instant now = clock.instant();
            int count = 0;
            for (ZendeskAccount.Token t : a.tokensByAccess.values()) {
                if (t.revokedAt == null || t.revokedAt.isAfter(now)) {
                    count++;
                }
                t.revokedAt = now;
                t.refreshRevokedAt = now;
            }
            return count;
        }
    }

    /** Every webhook delivery attempt made on behalf of Zendesk. */
    public List<Delivery> deliveries() {
        return queue.deliveries().stream().filter(d -> d.provider().equals("zendesk")).toList();
    }

    /** Forgets all accounts and faults; settings and client credentials stay. Called by {@code Simulator.reset()}. */
    public void reset() {
        accounts.clear();
        faults.clear();
    }

    // ---- HTTP ---------------------------------------------------------------------------------------

    /** Serves a request whose path starts with {@code /zendesk/}. */
    public Reply handle(Call call) {
        String rest = call.path().substring("/zendesk/".length());
        int slash = rest.indexOf('/');
        String subdomain = normalize(slash < 0 ? rest : rest.substring(0, slash));
        String path = slash < 0 ? "/" : rest.substring(slash);
        Optional<ZendeskAccount> account = account(subdomain, !settings.requireKnownSubdomain());
        Reply reply;
        if (account.isEmpty()) {
            reply = Reply.html(404, Html.page("Zendesk", "<h1>Oops! This help center no longer exists</h1><p>No simulated account '"
                + Html.escape(subdomain) + "'.</p>"));
        } else {
            reply = route(account.get(), call.withPath(path));
        }
        recorder.record("zendesk", subdomain, call, reply.status());
        return reply;
    }

    private Reply route(ZendeskAccount account, Call call) {
        String root = baseUrl(account.subdomain);
        String path = call.path();
        if (path.equals("/oauth/authorizations/new") && call.method().equals("GET")) {
            return oauth.authorizePage(account, root, call);
        }
        if (path.equals("/oauth/authorizations") && call.method().equals("POST")) {
            return oauth.decide(account, call);
        }
        if (path.equals("/oauth/tokens")) {
            if (!call.method().equals("POST")) {
                return ZendeskErrors.invalidEndpoint();
            }
            Faults.Injection injection = faults.nextCall();
            pause(injection.delay());
            return injection.fails() ? ZendeskErrors.serverError(injection.failStatus()) : oauth.token(account, call);
        }
        if (path.startsWith("/api/")) {
            return api(account, root, call);
        }
        return Reply.html(404, Html.page("Zendesk", "<h1>Page not found</h1><p>The simulator serves /oauth/... and /api/v2/... here.</p>"));
    }

    private Reply api(ZendeskAccount account, String root, Call call) {
        Faults.Injection injection = faults.nextCall();
        pause(injection.delay());
        if (injection.fails()) {
            return ZendeskErrors.serverError(injection.failStatus());
        }
        ZendeskOAuth.Authentication auth = oauth.authenticate(account, call);
        if (auth instanceof ZendeskOAuth.Refused(Reply refusal)) {
            return refusal;
        }
        ZendeskAccount.Token token = ((ZendeskOAuth.Authenticated) auth).token();
        Instant now = clock.instant();
        int limit = faults.rateLimitOverride() > 0 ? faults.rateLimitOverride() : settings.requestsPerMinute();
        RateWindow.Verdict verdict = account.accountWindow.count(now, limit, Duration.ofMinutes(1));
        if (!verdict.allowed()) {
            return ZendeskErrors.rateLimited(verdict, now, "Number of allowed API requests per minute exceeded");
        }
        Optional<Router.Match<ZendeskApi.Request>> match = api.router.find(call.method(), call.path());
        if (match.isEmpty()) {
            return withRateHeaders(ZendeskErrors.invalidEndpoint(), verdict);
        }
        if (match.get().pattern().equals("PUT /api/v2/tickets/{ticket_id}")) {
            RateWindow.Verdict updates = account.updateWindow.count(now, settings.ticketUpdatesPerMinute(), Duration.ofMinutes(1));
            if (!updates.allowed()) {
                return ZendeskErrors.rateLimited(updates, now, "Rate limit for ticket updates exceeded, please wait before updating this ticket again");
            }
        }
        Optional<Reply> forbidden = checkScope(token, match.get().tag());
        if (forbidden.isPresent()) {
            return withRateHeaders(forbidden.get(), verdict);
        }
        Reply reply = match.get().handler().handle(new ZendeskApi.Request(account, token, call, root), match.get().params());
        return withRateHeaders(reply, verdict);
    }

    private Optional<Reply> checkScope(ZendeskAccount.Token token, String tag) {
        boolean anyValid = token.scopes.stream().anyMatch(ZendeskOAuth::validScope)
            && !token.scopes.stream().allMatch(s -> s.equals("impersonate"));
        if (!anyValid) {
            return Optional.of(ZendeskErrors.forbidden());
        }
        switch (tag) {
            case "any" -> {
                return Optional.empty();
            }
            case "revoke" -> {
                boolean ok = !settings.revokeRequiresReadWrite() || (token.scopes.contains("read") && token.scopes.contains("write"));
                return ok ? Optional.empty() : Optional.of(ZendeskErrors.missingScope("read write"));
            }
            default -> {
                String[] parts = tag.split(":");
                return ZendeskOAuth.allows(token.scopes, parts[0], parts[1]) ? Optional.empty()
                    : Optional.of(ZendeskErrors.missingScope(parts[1]));
            }
        }
    }

    private static Reply withRateHeaders(Reply reply, RateWindow.Verdict verdict) {
        return reply.withHeader("X-Rate-Limit", Integer.toString(verdict.limit()))
            .withHeader("X-Rate-Limit-Remaining", Integer.toString(Math.max(0, verdict.remaining())));
    }

    private static void pause(Duration delay) {
        if (!delay.isZero() && !delay.isNegative()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- state helpers ------------------------------------------------------------------------------

    private Optional<ZendeskAccount> account(String subdomain, boolean create) {
        String s = normalize(subdomain);
        if (!SUBDOMAIN.matcher(s).matches()) {
            return Optional.empty();
        }
        ZendeskAccount existing = accounts.get(s);
        if (existing != null || !create) {
            return Optional.ofNullable(existing);
        }
        return Optional.of(accounts.computeIfAbsent(s, k -> new ZendeskAccount(k, clock.instant())));
    }

    private ZendeskAccount require(String subdomain) {
        return account(subdomain, true).orElseThrow(() -> new IllegalArgumentException("not a valid subdomain: " + subdomain));
    }

    private static String normalize(String subdomain) {
        return subdomain == null ? "" : subdomain.toLowerCase(Locale.ROOT);
    }

    private static ZendeskTicket snapshot(ZendeskAccount a, ZendeskAccount.Ticket t) {
        Map<Long, String> fields = new LinkedHashMap<>();
        t.customFields.forEach((id, value) -> fields.put(id, value == null || value.isNull() ? null
            : value.isString() ? value.stringValue() : Json.text(value)));
        fields.values().removeIf(v -> v == null);
        List<ZendeskComment> comments = new ArrayList<>();
        t.comments.forEach(c -> comments.add(new ZendeskComment(c.id, c.authorId, c.body, c.htmlBody, c.isPublic, c.throughApi,
            c.createdAt, c.attachments.stream().map(ZendeskAccount.File::metadata).toList())));
        return new ZendeskTicket(a.subdomain, t.id, t.subject, t.description, t.status, t.priority, t.requesterId, t.tags,
            fields, comments, t.createdAt, t.updatedAt);
    }

    /** A summary of one account for the control API. */
    public Optional<JsonNode> describe(String subdomain) {
        ZendeskAccount a = accounts.get(normalize(subdomain));
        if (a == null) {
            return Optional.empty();
        }
        synchronized (a) {
            ObjectNode o = Json.object();
            o.put("subdomain", a.subdomain);
            o.put("account_id", a.accountId);
            o.put("base_url", baseUrl(a.subdomain));
            o.put("admin_user_id", a.adminId);
            o.put("tickets", a.tickets.size());
            o.put("webhooks", a.webhooks.size());
            o.put("triggers", a.triggers.size());
            o.put("active_tokens", a.tokensByAccess.values().stream()
                .filter(t -> (t.revokedAt == null || t.revokedAt.isAfter(clock.instant())) && t.accessExpiresAt.isAfter(clock.instant())).count());
            ObjectNode fields = o.putObject("ticket_fields");
            a.fields.values().forEach(f -> fields.put(Long.toString(f.id), f.title));
            return Optional.of(o);
        }
    }
}
