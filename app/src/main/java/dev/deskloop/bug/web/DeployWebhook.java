package dev.deskloop.bug.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.deskloop.audit.RateLimitedAudit;
import dev.deskloop.bug.BugLifecycle;
import dev.deskloop.bug.DeploySecrets;
import dev.deskloop.platform.Ids;
import dev.deskloop.platform.InvalidInput;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /hooks/deploy/{workspaceId}}: a deploy pipeline marks bugs fix-shipped with
 * {@code {"bug_ids": [...], "rca": "...", "change_url": "..."}}, signed {@code X-Deskloop-Signature: sha256=<hex>}
 * with the workspace's deploy secret. The signature is checked on the raw bytes before the body is parsed.
 */
@RestController
class DeployWebhook {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DeploySecrets secrets;
    private final BugLifecycle lifecycle;
    private final RateLimitedAudit audit;

    DeployWebhook(DeploySecrets secrets, BugLifecycle lifecycle, RateLimitedAudit audit) {
        this.secrets = secrets;
        this.lifecycle = lifecycle;
        this.audit = audit;
    }

    // A form post (curl -d without a Content-Type) would reach us re-encoded from its parsed parameters, not as the
    // bytes that were signed: it gets 415 "Send application/json" instead of a puzzling invalid signature. No
    // Content-Type at all counts as application/octet-stream and is read as sent.
    @PostMapping(path = "/hooks/deploy/{workspaceId}", consumes = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE, MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<?> deploy(@PathVariable String workspaceId, @RequestBody(required = false) byte[] body,
                             @RequestHeader HttpHeaders headers) {
        byte[] raw = body == null ? new byte[0] : body;
        UUID workspace = Ids.parse(workspaceId).orElse(null);
        var verification = workspace == null ? DeploySecrets.Verification.NO_SECRET
                : secrets.verify(workspace, raw, headers.getFirst("X-Deskloop-Signature"));
        if (verification == DeploySecrets.Verification.INVALID) {
            // Only workspaces with a deploy secret are audited: anyone can make up workspace ids.
            audit.record(workspace.toString(), workspace, "webhook", "deploy_hook.rejected", "deploy webhook",
                    "invalid signature");
        }
        if (verification != DeploySecrets.Verification.VALID) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                    "Sign the raw body: X-Deskloop-Signature: sha256=<hex HMAC-SHA256> with the workspace's deploy secret.");
            problem.setTitle("Invalid deploy signature");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        JsonNode root;
        try {
            root = JSON.readTree(raw);
        } catch (JacksonException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request body is missing or is not a JSON object.");
            problem.setTitle("Malformed request body");
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        var outcomes = lifecycle.shipFromDeploy(workspace, bugIds(root.get("bug_ids")),
                text(root, "rca"), text(root, "change_url"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("bugs",
                outcomes.entrySet().stream().map(e -> outcome(e.getKey(), e.getValue())).toList()));
    }

    /** One named bug's outcome; {@code merged_into} when it had been merged into another bug, which shipped. */
    private static Map<String, String> outcome(UUID named, BugLifecycle.Deployed deployed) {
        Map<String, String> view = new java.util.LinkedHashMap<>();
        view.put("id", named.toString());
        view.put("outcome", deployed.outcome().name().toLowerCase(java.util.Locale.ROOT));
        if (!deployed.bugId().equals(named)) {
            view.put("merged_into", deployed.bugId().toString());
        }
        return view;
    }

    private static List<UUID> bugIds(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidInput("bug_ids", "is required");
        }
        if (!node.isArray()) {
            throw new InvalidInput("bug_ids", "must be an array of bug ids");
        }
        List<UUID> ids = new ArrayList<>();
        for (JsonNode id : node) {
            Optional<UUID> parsed = id.isString() ? Ids.parse(id.asString()) : Optional.empty();
            ids.add(parsed.orElseThrow(() -> new InvalidInput("bug_ids", "must hold bug ids (UUIDs)")));
        }
        return ids;
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidInput(field, "must be a string");
        }
        return node.asString();
    }
}
