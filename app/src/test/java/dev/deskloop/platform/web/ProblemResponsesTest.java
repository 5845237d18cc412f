package dev.deskloop.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemResponsesTest {

    private static final String HOSTILE = "\"quoted\" back\\slash \\u0022 \u0000\u0001\u001f\u007f\n\r\t\b\f"
            + " </script><script>alert(1)</script> \u2028\u2029 é 漢字 😀 {\"status\":200}";

    @Test
    void apiProblemsAreRfc9457DocumentsThatCarryHostileTextUnchanged() throws Exception {
        var request = new MockHttpServletRequest("POST", "/api/v1/%22tickets%5C%3C%2Fscript%3E");
        var response = new MockHttpServletResponse();

        ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, HOSTILE, "detail: " + HOSTILE);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo("application/problem+json;charset=UTF-8");
        String body = response.getContentAsString();
        assertThat(body.chars()).noneMatch(c -> c < 0x20);
        JsonNode problem = JsonMapper.builder().build().readTree(body);
        assertThat(problem.propertyNames()).containsExactly("type", "title", "status", "detail", "instance");
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isEqualTo(HOSTILE);
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("detail").asString()).isEqualTo("detail: " + HOSTILE);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/\"tickets\\</script>");
    }

    @Test
    void pagesForPeopleEscapeHostileTextAsHtml() throws Exception {
        var request = new MockHttpServletRequest("GET", "/w/1/tickets");
        var response = new MockHttpServletResponse();

        ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "<script>alert(1)</script>");

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(response.getContentAsString()).doesNotContain("<script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void onlyApiWebhookAndActuatorPathsAnswerJson() {
        for (String path : List.of("/api/v1/tickets", "/hooks/deploy/x", "/actuator/health")) {
            assertThat(ProblemResponses.isApi(new MockHttpServletRequest("GET", path))).as(path).isTrue();
        }
        assertThat(ProblemResponses.isApi(new MockHttpServletRequest("GET", "/apis"))).isFalse();
    }
}
