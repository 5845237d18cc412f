package dev.deskloop.simulator.zendesk;

import dev.deskloop.simulator.http.Json;
import dev.deskloop.simulator.http.RateWindow;
import dev.deskloop.simulator.http.Reply;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** Zendesk's error bodies, one method per kind, so every refusal looks the same everywhere. */
final class ZendeskErrors {

    private ZendeskErrors() {
    }

    /** No credentials at all. */
    static Reply unauthenticated() {
        return Reply.json(401, Json.object().put("error", "Couldn't authenticate you"));
    }

    /** A bearer token that is unknown, expired or revoked (zendesk_api_client_rb issue #297). */
    static Reply invalidToken() {
        return Reply.json(401, Json.object().put("error", "invalid_token")
            .put("error_description", "The access token provided is expired, revoked, malformed or invalid for other reasons."))
            .withHeader("WWW-Authenticate", "Bearer realm=\"Doorkeeper\", error=\"invalid_token\"");
    }

    /** A token without the scope an endpoint needs. */
    static Reply missingScope(String scope) {
        return Reply.json(403, Json.object().put("error", "Forbidden")
            .put("description", "You are missing the following required scopes: " + scope));
    }

    static Reply forbidden() {
        return Reply.json(403, Json.object().put("error", "Forbidden")
            .put("description", "You do not have access to this page. Please contact the account owner of this help desk for further help."));
    }

    static Reply recordNotFound() {
        return Reply.json(404, Json.object().put("error", "RecordNotFound").put("description", "Not found"));
    }

    static Reply invalidEndpoint() {
        return Reply.json(404, Json.object().put("error", "InvalidEndpoint").put("description", "Not found"));
    }

    static Reply badRequest(String description) {
        return Reply.json(400, Json.object().put("error", "InvalidValue").put("description", description));
    }

    static Reply recordInvalid(String field, String error, String description) {
        ObjectNode body = Json.object().put("error", "RecordInvalid").put("description", "Record validation errors");
        body.putObject("details").putArray(field).addObject().put("description", description).put("error", error);
        return Reply.json(422, body);
    }

    static Reply conflict() {
        return Reply.json(409, Json.object().put("error", "UpdateConflict").put("description",
            "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again."));
    }

    static Reply rateLimited(RateWindow.Verdict verdict, Instant now, String description) {
        return Reply.json(429, Json.object().put("error", "APIRateLimitExceeded").put("description", description))
            .withHeader("Retry-After", Long.toString(verdict.retryAfterSeconds(now)))
            .withHeader("X-Rate-Limit", Integer.toString(verdict.limit()))
            .withHeader("X-Rate-Limit-Remaining", "0");
    }

    static Reply serverError(int status) {
        String title = status == 503 ? "ServiceUnavailable" : "InternalServerError";
        return Reply.json(status, Json.object().put("error", title)
            .put("description", "The server encountered an error (injected by the simulator)"));
    }

    /** The webhooks API's error list ({@code errors[]} with code, title, detail and a JSON pointer). */
    static Reply webhookError(int status, String code, String title, String detail, String pointer) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putArray("errors").addObject().put("code", code).put("title", title).put("detail", detail);
        if (pointer != null) {
            error.putObject("source").put("pointer", pointer);
        }
        return Reply.json(status, body);
    }

    /** OAuth token endpoint errors (RFC 6749 section 5.2). */
    static Reply oauth(int status, String error, String description) {
        return Reply.json(status, Json.object().put("error", error).put("error_description", description));
    }
}
