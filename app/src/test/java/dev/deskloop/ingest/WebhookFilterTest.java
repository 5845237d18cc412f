package dev.deskloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The servlet-level front of the webhook addresses: what it serves itself and what it leaves to the normal chain. */
class WebhookFilterTest {

    /** No intake: every case below must be answered (or passed on) before a delivery would be handed over. */
    private final WebhookFilter filter = new WebhookFilter(null, 1024, 4, Duration.ofSeconds(1), new SimpleMeterRegistry());

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

    @Test
    void beyondTheConcurrencyLimitADeliveryWaitsThenGets429WithoutBeingRead() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger received = new AtomicInteger();
        WebhookIntake blocking = new WebhookIntake(null, null, null, null, null, null, null, null) {
            @Override
            WebhookAnswer intercom(byte[] raw, Function<String, String> headers) {
                received.incrementAndGet();
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return WebhookAnswer.outcome(HttpStatus.OK, "received");
            }
        };
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        WebhookFilter one = new WebhookFilter(blocking, 1024, 1, Duration.ofMillis(50), metrics);
        MockHttpServletResponse first = new MockHttpServletResponse();
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                one.doFilter(post("{\"id\":1}"), first, failingChain());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        MockHttpServletRequest second = post("{\"id\":2}");
        MockHttpServletResponse refused = new MockHttpServletResponse();
        one.doFilter(second, refused, failingChain());

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
        assertThat(second.getInputStream().read()).as("the refused body was not read").isEqualTo('{');
        assertThat(metrics.counter("deskloop.webhooks", "provider", "any", "outcome", "overloaded").count()).isEqualTo(1);

        release.countDown();
        sender.join(5_000);
        assertThat(first.getStatus()).isEqualTo(200);
        MockHttpServletResponse third = new MockHttpServletResponse();
        one.doFilter(post("{\"id\":3}"), third, failingChain());
        assertThat(third.getStatus()).as("the turn is given back").isEqualTo(200);
        assertThat(received.get()).isEqualTo(2);
    }

    private static MockHttpServletRequest post(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/hooks/intercom");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    private static FilterChain failingChain() {
        return (request, response) -> {
            throw new AssertionError("the request should not have gone down the chain");
        };
    }
}
