package dev.deskloop.simulator.intercom;

import dev.deskloop.simulator.http.Json;
import dev.deskloop.simulator.http.Reply;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/** Intercom's {@code error.list} bodies. */
final class IntercomErrors {

    private IntercomErrors() {
    }

    static Reply error(int status, String code, String message) {
        ObjectNode body = Json.object();
        body.put("type", "error.list");
        body.put("request_id", UUID.randomUUID().toString());
        body.putArray("errors").addObject().put("code", code).put("message", message);
        return Reply.json(status, body);
    }

    static Reply unauthorized() {
        return error(401, "unauthorized", "Access Token Invalid");
    }

    static Reply notFound(String message) {
        return error(404, "not_found", message);
    }

    static Reply badParameter(String message) {
        return error(400, "parameter_invalid", message);
    }

    static Reply missingParameter(String message) {
        return error(400, "parameter_not_found", message);
    }
}
