package dev.deskloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The servlet-level front of the webhook addresses: what it serves itself and what it leaves to the normal chain. */
class WebhookFilterTest {

    /** No intake: every case below must be answered (or passed on) before a delivery would be handed over. */
    private final WebhookFilter filter = new WebhookFilter(null, 1024);

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/hooks/intercom") {
            @Override
            public long getContentLengthLong() {
                return -1; // chunked: the size is only known while reading
            }
        };
        request.setContent(new byte[1025]);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, failingChain());

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .contains("\"title\":\"Request body too large\"", "at most 1024 bytes");
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedBeforeReading() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/hooks/" + java.util.UUID.randomUUID());
        request.setContent(new byte[2048]);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, failingChain());

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(request.getInputStream().read()).as("the body was not read").isZero();
    }

    @Test
    void otherAddressesGoDownTheNormalChain() throws Exception {
        for (String path : new String[] {"/hooks/deploy/0b7c1d7e-2f41-4a55-9a5e-3b1a6f0d9c11", "/hooks/a;jsessionid=1",
                "/hooks/%2e%2e", "/hooks/", "/hooksintercom", "/api/v1/tickets"}) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
            MockFilterChain chain = new MockFilterChain();

            filter.doFilter(request, new MockHttpServletResponse(), chain);

            assertThat(chain.getRequest()).as(path).isSameAs(request);
        }
    }

    @Test
    void responsesAreNeverCachedNorSniffed() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("PUT", "/hooks/intercom"), response, failingChain());

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    private static FilterChain failingChain() {
        return (request, response) -> {
            throw new AssertionError("the request should not have gone down the chain");
        };
    }
}
