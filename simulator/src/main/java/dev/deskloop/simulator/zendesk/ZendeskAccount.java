package dev.deskloop.simulator.zendesk;

import dev.deskloop.simulator.Attachment;
import dev.deskloop.simulator.http.RateWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The state of one simulated Zendesk account (one subdomain). Callers synchronise on the account for
 * every read and write.
 */
final class ZendeskAccount {

    static final class User {
        final long id;
        String name;
        String email;
        final String role;
        final Instant createdAt;
        Instant updatedAt;
        String ianaZone = "Etc/UTC";

        User(long id, String name, String email, String role, Instant createdAt) {
            this.id = id;
            this.name = name;
            this.email = email;
            this.role = role;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }
    }

    static final class Comment {
        final long id;
        final long authorId;
        final String body;
        final String htmlBody;
        final boolean isPublic;
        final boolean throughApi;
        final long auditId;
        final Instant createdAt;
        final List<File> attachments;

        Comment(long id, long authorId, String body, String htmlBody, boolean isPublic, boolean throughApi, long auditId,
                Instant createdAt, List<File> attachments) {
            this.id = id;
            this.authorId = authorId;
            this.body = body;
            this.htmlBody = htmlBody;
            this.isPublic = isPublic;
            this.throughApi = throughApi;
            this.auditId = auditId;
            this.createdAt = createdAt;
            this.attachments = List.copyOf(attachments);
        }
    }

    /** A file attached to a comment: Zendesk's attachment id and the metadata (with its final content URL). */
    record File(long id, Attachment metadata) {
    }

    static final class Ticket {
        final long id;
        String subject;
        final String description;
        String status = "new";
        String priority;
        String type;
        final long requesterId;
        final long submitterId;
        Long assigneeId;
        List<String> tags = new ArrayList<>();
        final Map<Long, JsonNode> customFields = new LinkedHashMap<>();
        final List<Comment> comments = new ArrayList<>();
        final List<JsonNode> audits = new ArrayList<>();
        final Instant createdAt;
        Instant updatedAt;
        Boolean lastApiCommentPublic;

        Ticket(long id, String subject, String description, long requesterId, Instant createdAt) {
            this.id = id;
            this.subject = subject;
            this.description = description;
            this.requesterId = requesterId;
            this.submitterId = requesterId;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        /** Adds a tag once; an empty one is dropped. Callers decide the case and how a list is split. */
        void addTag(String tag) {
            if (!tag.isEmpty() && !tags.contains(tag)) {
                tags.add(tag);
            }
        }
    }

    static final class TicketField {
        final long id;
        final String title;
        final String type;
        final Instant createdAt;

        TicketField(long id, String title, String type, Instant createdAt) {
            this.id = id;
            this.title = title;
            this.type = type;
            this.createdAt = createdAt;
        }
    }

    static final class Webhook {
        final String id;
        String name;
        String description;
        String endpoint;
        String httpMethod;
        String requestFormat;
        String status;
        List<String> subscriptions;
        JsonNode authentication;
        Map<String, String> customHeaders = new LinkedHashMap<>();
        String signingSecret;
        final Instant createdAt;
        final String createdBy;
        Instant updatedAt;

        Webhook(String id, Instant createdAt, String createdBy) {
            this.id = id;
            this.createdAt = createdAt;
            this.createdBy = createdBy;
            this.updatedAt = createdAt;
        }
    }

    static final class Trigger {
        final long id;
        String title;
        String description;
        boolean active = true;
        int position;
        JsonNode conditions;
        JsonNode actions;
        String categoryId;
        final Instant createdAt;
        Instant updatedAt;

        Trigger(long id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }
    }

    /** An issued OAuth token pair. */
    static final class Token {
        final long id;
        final String clientId;
        final String accessToken;
        final String refreshToken;
        final Set<String> scopes;
        final long userId;
        final Instant createdAt;
        final Instant accessExpiresAt;
        final Instant refreshExpiresAt;
        Instant revokedAt;
        Instant refreshRevokedAt;

        Token(long id, String clientId, String accessToken, String refreshToken, Set<String> scopes, long userId,
              Instant createdAt, Instant accessExpiresAt, Instant refreshExpiresAt) {
            this.id = id;
            this.clientId = clientId;
            this.accessToken = accessToken;
            this.refreshToken = refreshToken;
            this.scopes = Set.copyOf(scopes);
            this.userId = userId;
            this.createdAt = createdAt;
            this.accessExpiresAt = accessExpiresAt;
            this.refreshExpiresAt = refreshExpiresAt;
        }
    }

    /** An authorization code waiting to be exchanged. */
    record Code(String code, String clientId, String redirectUri, String scope, String codeChallenge, long userId,
                Instant expiresAt) {
    }

    /** An authorize request shown on the consent page and waiting for Allow or Deny. */
    record PendingConsent(String id, String clientId, String redirectUri, String scope, String state, String codeChallenge,
                          Instant createdAt) {
    }

    final String subdomain;
    final long accountId;
    final long adminId;
    final Map<Long, User> users = new LinkedHashMap<>();
    final Map<Long, Ticket> tickets = new LinkedHashMap<>();
    final Map<Long, TicketField> fields = new LinkedHashMap<>();
    final Map<String, Webhook> webhooks = new LinkedHashMap<>();
    final Map<Long, Trigger> triggers = new LinkedHashMap<>();
    final Map<String, Token> tokensByAccess = new LinkedHashMap<>();
    final Map<String, Token> tokensByRefresh = new LinkedHashMap<>();
    final Map<String, Code> codes = new LinkedHashMap<>();
    final Map<String, PendingConsent> consents = new LinkedHashMap<>();
    final RateWindow accountWindow = new RateWindow();
    final RateWindow updateWindow = new RateWindow();
    private long nextUser = 10_000_000_001L;
    private long nextTicket = 1;
    private long nextComment = 20_000_000_001L;
    private long nextAudit = 30_000_000_001L;
    private long nextAttachment = 60_000_000_001L;
    private long nextField = 36_000_001L;
    private long nextTrigger = 40_000_001L;
    private long nextToken = 50_000_001L;

    ZendeskAccount(String subdomain, Instant now) {
        this.subdomain = subdomain;
        this.accountId = 10_000_000L + Math.floorMod(subdomain.hashCode(), 89_999_999);
        User admin = new User(nextUser++, "Simulated Admin", "admin@" + subdomain + ".example.com", "admin", now);
        users.put(admin.id, admin);
        this.adminId = admin.id;
        for (String[] field : new String[][] {{"Severity", "tagger"}, {"Affected service", "text"}, {"Analysis URL", "text"}}) {
            TicketField f = new TicketField(nextField++, field[0], field[1], now);
            fields.put(f.id, f);
        }
    }

    User endUser(String name, String email, Instant now) {
        for (User u : users.values()) {
            if (u.email.equalsIgnoreCase(email)) {
                return u;
            }
        }
        User user = new User(nextUser++, name, email, "end-user", now);
        users.put(user.id, user);
        return user;
    }

    long newTicketId() {
        return nextTicket++;
    }

    long newCommentId() {
        return nextComment++;
    }

    long newAuditId() {
        return nextAudit++;
    }

    /**
     * Gives each file an attachment id and, when it has no URL, the {@code content_url} Zendesk would give it
     * ({@code {root}/attachments/token/{token}/?name={file_name}}; the simulator does not serve it).
     */
    List<File> files(String root, List<Attachment> attachments) {
        List<File> out = new ArrayList<>();
        for (Attachment a : attachments) {
            long id = nextAttachment++;
            out.add(new File(id, a.url() != null ? a : a.withUrl(root + "/attachments/token/sim" + Long.toString(id, 36)
                + "/?name=" + java.net.URLEncoder.encode(a.name(), java.nio.charset.StandardCharsets.UTF_8))));
        }
        return out;
    }

    long newFieldId() {
        return nextField++;
    }

    long newTriggerId() {
        return nextTrigger++;
    }

    long newTokenId() {
        return nextToken++;
    }
}
