package dev.deskloop.simulator.intercom;

import dev.deskloop.simulator.Attachment;
import dev.deskloop.simulator.http.RateWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The state of the one simulated Intercom workspace the app is installed in; callers synchronise on it. */
final class IntercomWorkspace {

    record Admin(String id, String name, String email) {
    }

    record Contact(String id, String name, String email, Instant createdAt) {
    }

    record Tag(String id, String name, Instant appliedAt) {
    }

    static final class Part {
        final String id;
        final String partType;
        final String body;
        final String authorType;
        final String authorId;
        final String authorName;
        final String authorEmail;
        final String appPackageCode;
        final Instant createdAt;
        final List<Attachment> attachments;

        Part(String id, String partType, String body, String authorType, String authorId, String authorName, String authorEmail,
             String appPackageCode, Instant createdAt, List<Attachment> attachments) {
            this.id = id;
            this.partType = partType;
            this.body = body;
            this.authorType = authorType;
            this.authorId = authorId;
            this.authorName = authorName;
            this.authorEmail = authorEmail;
            this.appPackageCode = appPackageCode;
            this.createdAt = createdAt;
            this.attachments = List.copyOf(attachments);
        }
    }

    static final class Conversation {
        final long id;
        String title;
        final String subject;
        final String sourceId;
        final String sourceBody;
        final List<Attachment> sourceAttachments;
        final Contact contact;
        String state = "open";
        boolean read;
        final List<Tag> tags = new ArrayList<>();
        final Map<String, JsonNode> customAttributes = new LinkedHashMap<>();
        final List<Part> parts = new ArrayList<>();
        final Instant createdAt;
        Instant updatedAt;
        Instant waitingSince;

        Conversation(long id, String subject, String sourceId, String sourceBody, List<Attachment> sourceAttachments,
                     Contact contact, Instant createdAt) {
            this.id = id;
            this.subject = subject;
            this.sourceId = sourceId;
            this.sourceBody = sourceBody;
            this.sourceAttachments = List.copyOf(sourceAttachments);
            this.contact = contact;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
            this.waitingSince = createdAt;
        }
    }

    static final class Token {
        final String value;
        final Instant createdAt;
        Instant revokedAt;

        Token(String value, Instant createdAt) {
            this.value = value;
            this.createdAt = createdAt;
        }
    }

    record Code(String code, String clientId, String redirectUri, Instant expiresAt) {
    }

    record PendingConsent(String id, String redirectUri, String state) {
    }

    final Instant createdAt;
    final Map<String, Admin> admins = new LinkedHashMap<>();
    final Admin installer;
    final Map<String, Contact> contacts = new LinkedHashMap<>();
    final Map<Long, Conversation> conversations = new LinkedHashMap<>();
    final Map<String, Token> tokens = new LinkedHashMap<>();
    final Map<String, Code> codes = new LinkedHashMap<>();
    final Map<String, PendingConsent> consents = new LinkedHashMap<>();
    final Map<String, String> attributes = new LinkedHashMap<>();
    final RateWindow window = new RateWindow();
    String webhookUrl;
    Set<String> topics = new LinkedHashSet<>();
    boolean webhookDisabled;
    String uninstallUrl;
    /** {@code app.timezone} of {@code GET /me}. */
    String timezone = "Etc/UTC";
    boolean installed;
    boolean uninstalled;
    private long nextConversation = 1_000_000_001L;
    private long nextPart = 7_000_000_001L;
    private long nextTag = 5_000_001L;
    private long nextContact = 1;

    IntercomWorkspace(Instant now, Map<String, String> attributes) {
        this.createdAt = now;
        this.installer = new Admin("991267459", "Simulated Admin", "admin@simulated-workspace.example.com");
        admins.put(installer.id(), installer);
        Admin second = new Admin("991267460", "Second Teammate", "teammate@simulated-workspace.example.com");
        admins.put(second.id(), second);
        this.attributes.putAll(attributes);
    }

    Contact contact(String name, String email, Instant now) {
        for (Contact c : contacts.values()) {
            if (c.email().equalsIgnoreCase(email)) {
                return c;
            }
        }
        Contact c = new Contact(String.format("6762f%019x", nextContact++), name, email, now);
        contacts.put(c.id(), c);
        return c;
    }

    long newConversationId() {
        return nextConversation++;
    }

    String newPartId() {
        return Long.toString(nextPart++);
    }

    String newTagId() {
        return Long.toString(nextTag++);
    }
}
