package dev.deskloop.platform.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an error response outside Spring MVC (filters, security entry points): RFC 9457 problem details
 * for the API and webhooks, a small HTML page for people.
 */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    public static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/hooks/") || path.startsWith("/actuator/");
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                             String title, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (isApi(request)) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write(json(status, title, detail, URI.create(request.getRequestURI()).getPath()));
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter().write(page(request.getContextPath(), status, title, detail));
        }
        response.flushBuffer();
    }

    /** The same page as {@link ProblemPage} renders from {@code error/problem.html}, which a filter cannot render. */
    static String page(String contextPath, HttpStatus status, String title, String detail) {
        String root = HtmlUtils.htmlEscape(contextPath);
        String heading = HtmlUtils.htmlEscape(title);
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>%s &middot; Deskloop</title>
                  <link rel="stylesheet" href="%s/css/deskloop.css">
                </head>
                <body class="narrow">
                <main>
                  <h1>%d %s</h1>
                  <p>%s</p>
                  <p><a href="%s/">Back to Deskloop</a></p>
                </main>
                </body>
                </html>
                """.formatted(heading, root, status.value(), heading, HtmlUtils.htmlEscape(detail), root);
    }

    /** An RFC 9457 problem document; the library escapes every value. A null detail is left out. */
    public static String json(HttpStatus status, String title, String detail, String instance) {
        ObjectNode problem = JSON.createObjectNode()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status.value());
        if (detail != null) {
            problem.put("detail", detail);
        }
        problem.put("instance", instance);
        return JSON.writeValueAsString(problem);
    }
}
