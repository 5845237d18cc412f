package dev.deskloop.simulator.intercom;

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
import dev.deskloop.simulator.http.Secrets;
import dev.deskloop.simulator.http.WebhookQueue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The handle on the simulated Intercom: serves the REST API under {@code {base}/intercom/api/} and the
 * OAuth consent page at {@code {base}/intercom/app/oauth}, and lets tests and the control API act as
 * customers, configure the app's webhook URL and topics, inspect what the application wrote, revoke
 * tokens and inject faults.
 */
public final class IntercomSimulator {

    /** The conversation topics the simulator emits; subscribed by default. */
    public static final List<String> TOPICS = List.of("conversation.user.created", "conversation.user.replied",
        "conversation.admin.noted", "conversation.admin.replied");
    private static final Set<String> VERSIONS = Set.of("1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1", "2.2", "2.3", "2.4",
        "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15", "2.16", "Preview", "Unstable");

    private final IntercomSettings settings;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final Recorder recorder;
    private final WebhookQueue queue;
    private final Faults faults = new Faults(500);
    private final IntercomDeliveries deliveries;
    private final IntercomApi api;
    private final SecureRandom random = new SecureRandom();
    private volatile IntercomWorkspace workspace;

    public IntercomSimulator(IntercomSettings settings, Clock clock, Supplier<String> baseUrl, Recorder recorder, WebhookQueue queue) {
        this.settings = settings;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.recorder = recorder;
        this.queue = queue;
        this.deliveries = new IntercomDeliveries(settings, clock, queue, faults);
        this.api = new IntercomApi(settings, clock, deliveries, this::notifyUninstall);
        this.workspace = new IntercomWorkspace(clock.instant(), settings.conversationAttributes());
    }

    public IntercomSettings settings() {
        return settings;
    }

    public String clientId() {
        return settings.clientId();
    }

    public String clientSecret() {
        return settings.clientSecret();
    }

    /** The workspace's {@code app.id_code}, the {@code app_id} of every notification. */
    public String appId() {
        return settings.appIdCode();
    }

    /** The admin who installed the app (returned by {@code /me}); use as {@code admin_id} for replies. */
    public String adminId() {
        return workspace.installer.id();
    }

    /** Stands in for {@code https://api.intercom.io}. */
    public String apiBaseUrl() {
        return baseUrl.get() + "/intercom/api";
    }

    /** Stands in for {@code https://app.intercom.com/oauth}. */
    public String authorizeUrl() {
        return baseUrl.get() + "/intercom/app/oauth";
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Sets the app's webhook URL and topics, as the Developer Hub does: the URL must answer HEAD with 2xx
     * (unless disabled in the settings), then a {@code ping} follows (if enabled).
     *
     * @throws IllegalArgumentException if the URL is not absolute http(s) or does not answer HEAD
     */
    public void configureWebhook(String url, List<String> topics) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        if (!uri.isAbsolute() || !List.of("http", "https").contains(uri.getScheme())) {
            throw new IllegalArgumentException("the webhook URL must be an absolute http(s) URL: " + url);
        }
        if (settings.checkWebhookUrlWithHead()) {
            int status = queue.head(uri, Duration.ofSeconds(5));
            if (status < 200 || status >= 300) {
                throw new IllegalArgumentException("the webhook URL must answer HEAD with 2xx (got " + (status == 0 ? "no answer" : status) + ")");
            }
        }
        IntercomWorkspace w = workspace;
        Optional<WebhookQueue.Job> ping;
        synchronized (w) {
            w.webhookUrl = url;
            w.topics = new LinkedHashSet<>(topics == null || topics.isEmpty() ? TOPICS : topics);
            w.webhookDisabled = false;
            ping = settings.pingOnWebhookSave() ? deliveries.ping(w) : Optional.empty();
        }
        deliveries.send(ping);
    }

    public void configureWebhook(String url) {
        configureWebhook(url, TOPICS);
    }

    /** The configured webhook URL, if any, and whether a 410 answer disabled it. */
    public Optional<String> webhookUrl() {
        IntercomWorkspace w = workspace;
        synchronized (w) {
            return w.webhookDisabled ? Optional.empty() : Optional.ofNullable(w.webhookUrl);
        }
    }

    /** Sets the app's optional uninstall URL. */
    public void configureUninstallUrl(String url) {
        IntercomWorkspace w = workspace;
        synchronized (w) {
            w.uninstallUrl = url;
        }
    }

    /** Sets the workspace's time zone ({@code app.timezone} of {@code GET /me}); {@link #reset} sets Etc/UTC again. */
    public void configureTimezone(String timezone) {
        IntercomWorkspace w = workspace;
        synchronized (w) {
            w.timezone = timezone;
        }
    }

    /** Starts a conversation as a customer; emits {@code conversation.user.created}. */
    public IntercomConversation createConversation(CustomerConversation input) {
        IntercomWorkspace w = workspace;
        Optional<WebhookQueue.Job> job;
        IntercomConversation snapshot;
        synchronized (w) {
            Instant now = clock.instant();
            IntercomWorkspace.Contact contact = w.contact(input.contactName(), input.contactEmail(), now);
            String sourceId = w.newPartId();
            IntercomWorkspace.Conversation c = new IntercomWorkspace.Conversation(w.newConversationId(), input.subject(),
                sourceId, IntercomApi.paragraph(input.body()), withUrls(sourceId, input.attachments()), contact, now);
            if (!input.subject().isBlank()) {
                c.title = input.subject();
            }
            for (String tag : input.tags()) {
                c.tags.add(new IntercomWorkspace.Tag(w.newTagId(), tag, now));
            }
            w.conversations.put(c.id, c);
            job = deliveries.conversationEvent(w, c, "conversation.user.created", null);
            snapshot = snapshot(c);
        }
        deliveries.send(job);
        return snapshot;
    }

    /** Adds a reply from the conversation's contact; emits {@code conversation.user.replied}. */
    public IntercomConversation addCustomerReply(String conversationId, String body) {
        return addCustomerReply(conversationId, body, List.of());
    }

    /** Adds a reply from the conversation's contact with files attached (metadata only; the body may then be empty). */
    public IntercomConversation addCustomerReply(String conversationId, String body, List<Attachment> attachments) {
        IntercomWorkspace w = workspace;
        Optional<WebhookQueue.Job> job;
        IntercomConversation snapshot;
        synchronized (w) {
            IntercomWorkspace.Conversation c = IntercomApi.conversation(w, conversationId);
            if (c == null) {
                throw new IllegalArgumentException("no conversation " + conversationId);
            }
            Instant now = clock.instant();
            String partId = w.newPartId();
            // A message with only files has no text at all.
            String html = (body == null || body.isBlank()) && !attachments.isEmpty() ? "" : IntercomApi.paragraph(body);
            IntercomWorkspace.Part part = new IntercomWorkspace.Part(partId, "comment", html, "user",
                c.contact.id(), c.contact.name(), c.contact.email(), null, now, withUrls(partId, attachments));
            c.parts.add(part);
            c.state = "open";
            c.updatedAt = now;
            c.waitingSince = now;
            job = deliveries.conversationEvent(w, c, "conversation.user.replied", part);
            snapshot = snapshot(c);
        }
        deliveries.send(job);
        return snapshot;
    }

    public Optional<IntercomConversation> conversation(String id) {
        IntercomWorkspace w = workspace;
        synchronized (w) {
            return Optional.ofNullable(IntercomApi.conversation(w, id)).map(IntercomSimulator::snapshot);
        }
    }

    public List<IntercomConversation> conversations() {
        IntercomWorkspace w = workspace;
        synchronized (w) {
            return w.conversations.values().stream().map(IntercomSimulator::snapshot).toList();
        }
    }

    /** Issues an access token without the browser flow (and marks the app installed). */
    public String issueToken() {
        IntercomWorkspace w = workspace;
        synchronized (w) {
            return newToken(w);
        }
    }

    /** Revokes every access token, as an uninstall from the Intercom side would; returns how many were live. */
    public int revokeAllTokens() {
        IntercomWorkspace w = workspace;
        synchronized (w) {
            int count = 0;
            for (IntercomWorkspace.Token t : w.tokens.values()) {
                if (t.revokedAt == null) {
                    t.revokedAt = clock.instant();
                    count++;
                }
            }
            return count;
        }
    }

    public boolean revokeToken(String token) {
        IntercomWorkspace w = workspace;
        synchronized (w) {
            IntercomWorkspace.Token t = w.tokens.get(token);
            if (t == null || t.revokedAt != null) {
                return false;
            }
            t.revokedAt = clock.instant();
            return true;
        }
    }

    /** Whether the app is currently installed (a token was issued and no uninstall happened since). */
    public boolean installed() {
        IntercomWorkspace w = workspace;
        synchronized (w) {
            return w.installed;
        }
    }

    public List<Delivery> deliveries() {
        return queue.deliveries().stream().filter(d -> d.provider().equals("intercom")).toList();
    }

    /** Forgets every conversation, contact, token and webhook setting, and clears faults. */
    public void reset() {
        workspace = new IntercomWorkspace(clock.instant(), settings.conversationAttributes());
        faults.clear();
    }

    /** A summary for the control API. */
    public JsonNode describe() {
        IntercomWorkspace w = workspace;
        synchronized (w) {
            ObjectNode o = Json.object();
            o.put("app_id", settings.appIdCode());
            o.put("api_base_url", apiBaseUrl());
            o.put("authorize_url", authorizeUrl());
            o.put("admin_id", w.installer.id());
            o.put("installed", w.installed);
            if (w.webhookUrl == null) {
                o.putNull("webhook_url");
            } else {
                o.put("webhook_url", w.webhookUrl);
            }
            o.put("webhook_disabled", w.webhookDisabled);
            w.topics.forEach(o.putArray("topics")::add);
            if (w.uninstallUrl == null) {
                o.putNull("uninstall_url");
            } else {
                o.put("uninstall_url", w.uninstallUrl);
            }
            o.put("conversations", w.conversations.size());
            ObjectNode attributes = o.putObject("conversation_attributes");
            w.attributes.forEach(attributes::put);
            return o;
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------

    /** Serves a request whose path starts with {@code /intercom/}. */
    public Reply handle(Call call) {
        String path = call.path();
        Reply reply;
        if (path.equals("/intercom/app/oauth") || path.equals("/intercom/app/oauth/")) {
            reply = call.method().equals("POST") ? decide(call) : authorizePage(call);
        } else if (path.startsWith("/intercom/api/")) {
            reply = api(call.withPath(path.substring("/intercom/api".length())));
        } else {
            reply = Reply.text(404, "Not found");
        }
        recorder.record("intercom", settings.appIdCode(), call, reply.status());
        return reply;
    }

    private Reply api(Call call) {
        Faults.Injection injection = faults.nextCall();
        if (!injection.delay().isZero()) {
            try {
                Thread.sleep(injection.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (injection.fails()) {
            return IntercomErrors.error(injection.failStatus(), injection.failStatus() == 503 ? "service_unavailable" : "server_error",
                "Server Error (injected by the simulator)");
        }
        if (call.path().equals("/auth/eagle/token")) {
            return call.method().equals("POST") ? exchange(call) : IntercomErrors.notFound("Resource Not Found");
        }
        Optional<String> version = call.header("intercom-version");
        if (version.isPresent() && !VERSIONS.contains(version.get().trim())) {
            return IntercomErrors.error(400, "intercom_version_invalid", "The requested version could not be found");
        }
        IntercomWorkspace w = workspace;
        Optional<String> header = call.header("authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return IntercomErrors.unauthorized();
        }
        IntercomWorkspace.Token token;
        synchronized (w) {
            token = w.tokens.get(header.get().substring(7).trim());
        }
        if (token == null) {
            return IntercomErrors.unauthorized();
        }
        if (token.revokedAt != null && !clock.instant().isBefore(token.revokedAt)) {
            return IntercomErrors.error(401, "token_revoked", "Token revoked");
        }
        Instant now = clock.instant();
        int override = faults.rateLimitOverride();
        RateWindow.Verdict verdict = override > 0
            ? w.window.count(now, override, Duration.ofMinutes(1))
            : w.window.count(now, Math.max(1, settings.requestsPerMinute() / 6), Duration.ofSeconds(10));
        Map<String, String> rateHeaders = Map.of(
            "X-RateLimit-Limit", Integer.toString(override > 0 ? override : settings.requestsPerMinute()),
            "X-RateLimit-Remaining", Integer.toString(Math.max(0, verdict.remaining())),
            "X-RateLimit-Reset", Long.toString(verdict.resetsAt().getEpochSecond()));
        if (!verdict.allowed()) {
            return IntercomErrors.error(429, "rate_limit_exceeded", "Exceeded rate limit").withHeaders(rateHeaders);
        }
        Optional<Router.Match<IntercomApi.Request>> match = api.router.find(call.method(), call.path());
        Reply reply = match.isEmpty() ? IntercomErrors.notFound("Resource Not Found")
            : match.get().handler().handle(new IntercomApi.Request(w, token, call), match.get().params());
        return reply.withHeaders(rateHeaders);
    }

    // ---- OAuth --------------------------------------------------------------------------------------

    private Reply authorizePage(Call call) {
        Map<String, String> q = call.query();
        if (!settings.clientId().equals(q.get("client_id"))) {
            return errorPage("Unknown client_id '" + q.getOrDefault("client_id", "") + "'.");
        }
        String redirect = q.get("redirect_uri");
        if (redirect == null || redirect.isBlank()) {
            if (settings.redirectUris().isEmpty()) {
                return errorPage("No redirect_uri given and none is registered for this app.");
            }
            redirect = settings.redirectUris().getFirst();
        } else if (!redirectAllowed(redirect)) {
            return errorPage("The redirect URI '" + redirect + "' is not registered for this app.");
        }
        String state = q.get("state");
        if (settings.requireState() && (state == null || state.isBlank())) {
            return errorPage("state is missing (the simulator requires it; see requireState).");
        }
        IntercomWorkspace w = workspace;
        IntercomWorkspace.PendingConsent consent = new IntercomWorkspace.PendingConsent(Secrets.hex(16), redirect, state);
        synchronized (w) {
            w.consents.put(consent.id(), consent);
        }
        String body = """
            <h1>Intercom (simulated)</h1>
            <form class="card" method="post" action="%s">
            <p><strong>%s</strong> wants to connect to the workspace <strong>Simulated Workspace</strong> (%s)
            as <em>Simulated Admin</em>.</p>
            <p class="muted">Redirect URI: <code>%s</code><br>State: <code>%s</code></p>
            <input type="hidden" name="consent_id" value="%s">
            <button type="submit" name="decision" value="allow" id="allow">Connect</button>
            <button type="submit" name="decision" value="deny" id="deny">Cancel</button>
            </form>
            """.formatted(Html.escape(authorizeUrl()), Html.escape(settings.clientId()), Html.escape(settings.appIdCode()),
            Html.escape(redirect), Html.escape(state == null ? "(none)" : state), Html.escape(consent.id()));
        return Reply.html(200, Html.page("Connect to Intercom", body));
    }

    private Reply decide(Call call) {
        Map<String, String> form = call.form();
        IntercomWorkspace w = workspace;
        IntercomWorkspace.PendingConsent consent;
        synchronized (w) {
            consent = w.consents.remove(form.getOrDefault("consent_id", ""));
        }
        if (consent == null) {
            return errorPage("This authorization request is unknown or was already answered.");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (!"allow".equals(form.get("decision"))) {
            params.put("error", "access_denied");
            params.put("error_description", "The user cancelled the installation");
        } else {
            // Codes are padded base64 and usually end with '=': clients that mangle URL decoding fail here as in production.
            byte[] bytes = new byte[25];
            random.nextBytes(bytes);
            String code = Base64.getEncoder().encodeToString(bytes);
            synchronized (w) {
                w.codes.put(code, new IntercomWorkspace.Code(code, settings.clientId(), consent.redirectUri(),
                    clock.instant().plus(settings.codeTtl())));
            }
            params.put("code", code);
        }
        if (consent.state() != null) {
            params.put("state", consent.state());
        }
        StringBuilder location = new StringBuilder(consent.redirectUri());
        char sep = consent.redirectUri().contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            location.append(sep).append(e.getKey()).append('=')
                .append(java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return Reply.redirect(location.toString());
    }

    private Reply exchange(Call call) {
        Map<String, String> fields = new LinkedHashMap<>();
        boolean json = call.isJson();
        boolean form = call.isForm() || (!json && !call.bodyText().isBlank() && !call.bodyText().trim().startsWith("{"));
        IntercomSettings.TokenExchangeEncoding encoding = settings.tokenExchangeEncoding();
        boolean acceptsJson = encoding != IntercomSettings.TokenExchangeEncoding.FORM;
        boolean acceptsForm = encoding != IntercomSettings.TokenExchangeEncoding.JSON;
        if (json && acceptsJson) {
            Json.parse(call.body()).filter(JsonNode::isObject)
                .ifPresent(node -> node.properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString(""))));
        } else if (form && acceptsForm) {
            fields.putAll(call.form());
        } else {
            return IntercomErrors.missingParameter("code, client_id and client_secret are required ("
                + (acceptsForm ? "form-encoded" : "JSON") + " body expected; simulator setting tokenExchangeEncoding)");
        }
        for (String required : List.of("code", "client_id", "client_secret")) {
            if (fields.getOrDefault(required, "").isBlank()) {
                return IntercomErrors.missingParameter(required + " is required");
            }
        }
        if (!settings.clientId().equals(fields.get("client_id")) || !MessageDigest.isEqual(
            settings.clientSecret().getBytes(StandardCharsets.UTF_8), fields.get("client_secret").getBytes(StandardCharsets.UTF_8))) {
            return IntercomErrors.error(401, "unauthorized", "Unauthorized Client");
        }
        IntercomWorkspace w = workspace;
        synchronized (w) {
            IntercomWorkspace.Code code = w.codes.remove(fields.get("code"));
            if (code == null || !clock.instant().isBefore(code.expiresAt())) {
                return IntercomErrors.error(401, "unauthorized", "Unauthorized Code");
            }
            String token = newToken(w);
            ObjectNode body = Json.object();
            body.put("token_type", "Bearer");
            body.put("token", token);
            body.put("access_token", token);
            return Reply.json(200, body);
        }
    }

    private String newToken(IntercomWorkspace w) {
        byte[] bytes = new byte[36];
        random.nextBytes(bytes);
        String token = "dG9r" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        w.tokens.put(token, new IntercomWorkspace.Token(token, clock.instant()));
        w.installed = true;
        w.uninstalled = false;
        return token;
    }

    private void notifyUninstall() {
        String url;
        IntercomWorkspace w = workspace;
        synchronized (w) {
            url = w.uninstallUrl;
        }
        if (url != null) {
            queue.sendNow("intercom", "uninstall_" + java.util.UUID.randomUUID(), "uninstall", deliveries.uninstallNotification(url));
        }
    }

    private boolean redirectAllowed(String uri) {
        if (!settings.redirectUris().isEmpty()) {
            return settings.redirectUris().contains(uri);
        }
        try {
            URI parsed = URI.create(uri);
            return parsed.isAbsolute() && List.of("http", "https").contains(parsed.getScheme());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Reply errorPage(String message) {
        return Reply.html(400, Html.page("Intercom", "<h1>Intercom (simulated)</h1><p>" + Html.escape(message) + "</p>"));
    }

    /**
     * Files without a URL get one shaped like Intercom's download URLs, under {@code {base}/intercom/downloads/}
     * (not served).
     */
    private List<Attachment> withUrls(String partId, List<Attachment> attachments) {
        List<Attachment> out = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            Attachment a = attachments.get(i);
            out.add(a.url() != null ? a : a.withUrl(baseUrl.get() + "/intercom/downloads/i/o/" + partId + i + "/"
                + java.net.URLEncoder.encode(a.name(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")));
        }
        return out;
    }

    private static IntercomConversation snapshot(IntercomWorkspace.Conversation c) {
        Map<String, String> attributes = new LinkedHashMap<>();
        c.customAttributes.forEach((k, v) -> attributes.put(k, v.isString() ? v.stringValue() : Json.text(v)));
        List<IntercomPart> parts = new ArrayList<>();
        c.parts.forEach(p -> parts.add(new IntercomPart(p.id, p.partType, p.body, p.authorType, p.authorId, p.appPackageCode,
            p.createdAt, p.attachments)));
        return new IntercomConversation(Long.toString(c.id), c.title, c.state, c.contact.id(), c.sourceBody,
            c.tags.stream().map(IntercomWorkspace.Tag::name).toList(), attributes, parts, c.createdAt, c.updatedAt,
            c.sourceAttachments);
    }
}
