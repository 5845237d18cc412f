package dev.deskloop.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.deskloop.platform.PlatformSettings;
import dev.deskloop.platform.web.ProblemResponses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Serves the provider webhook addresses {@code /hooks/{connectionId}} and {@code /hooks/intercom} directly at the
 * servlet level, before the session, security, observation and MVC machinery every other page goes through. A
 * delivery authenticates by its signature only (checked by {@link WebhookIntake} on the raw bytes), and providers send
 * hundreds a second: on a small machine those layers cost more CPU than storing the delivery. Everything else under
 * {@code /hooks/} (the deploy webhook) goes down the normal chain.
 *
 * <p>The body is read up to the request size limit ({@code deskloop.max-request-size}) and refused with 413 beyond it.
 * A failure to store answers 503 with {@code Retry-After}, so the provider sends the delivery again. At most
 * {@code deskloop.ingest.max-concurrent-deliveries} deliveries are taken in at once; one beyond that waits up to
 * {@code deskloop.ingest.admission-wait} and is then answered 429 with {@code Retry-After} before its body is read,
 * so that a stall or a flood cannot pile up requests, memory and latency (both providers send a 429 again later;
 * Intercom retries a 5xx only once).
 */
final class WebhookFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(WebhookFilter.class);

    /** One path segment: a connection id or {@code intercom}; anything else is not ours. */
    private static final Pattern ADDRESS = Pattern.compile("/hooks/([A-Za-z0-9-]{1,64})");
    private static final String INTERCOM = "intercom";
    private static final int BUSY_RETRY_SECONDS = 5;

    private final WebhookIntake intake;
    private final long maxBytes;
    private final Semaphore admission;
    private final Duration admissionWait;
    private final Counter overloaded;

    WebhookFilter(WebhookIntake intake, long maxBytes, int maxConcurrent, Duration admissionWait, MeterRegistry metrics) {
        this.intake = intake;
        this.maxBytes = maxBytes;
        this.admission = new Semaphore(maxConcurrent);
        this.admissionWait = admissionWait;
        this.overloaded = metrics.counter("deskloop.webhooks", "provider", "any", "outcome", "overloaded");
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher address = ADDRESS.matcher(path);
        if (!address.matches()) {
            chain.doFilter(request, response);
            return;
        }
        switch (request.getMethod()) {
            case "POST" -> write(request, response, receive(request, address.group(1)));
            case "HEAD" -> {
                // Intercom checks that the webhook URL answers HEAD.
                response.setStatus(HttpStatus.OK.value());
                commonHeaders(response);
            }
            default -> {
                response.setHeader(HttpHeaders.ALLOW, "POST, HEAD");
                write(request, response, WebhookAnswer.problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
                        "Webhook addresses accept POST."));
            }
        }
    }

    private WebhookAnswer receive(HttpServletRequest request, String target) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            return tooLarge();
        }
        try {
            if (!admission.tryAcquire(admissionWait.toMillis(), TimeUnit.MILLISECONDS)) {
                overloaded.increment();
                return new WebhookAnswer(HttpStatus.TOO_MANY_REQUESTS, null, "Too many deliveries at once",
                        "Send this delivery again later.", BUSY_RETRY_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebhookAnswer(HttpStatus.SERVICE_UNAVAILABLE, null, "Shutting down",
                    "Send this delivery again later.", BUSY_RETRY_SECONDS);
        }
        try {
            return admitted(request, target);
        } finally {
            admission.release();
        }
    }

    private WebhookAnswer admitted(HttpServletRequest request, String target) throws IOException {
        byte[] raw;
        try (InputStream in = request.getInputStream()) {
            raw = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        }
        if (raw.length > maxBytes) {
            return tooLarge();
        }
        try {
            return INTERCOM.equals(target)
                    ? intake.intercom(raw, request::getHeader)
                    : intake.receive(target, raw, request.getContentType(), request::getHeader);
        } catch (RuntimeException e) {
            log.error("Could not take a webhook delivery to {}: {}", path(target), e.toString(), e);
            return new WebhookAnswer(HttpStatus.SERVICE_UNAVAILABLE, null, "Delivery not stored",
                    "Deskloop could not store this delivery; send it again.", BUSY_RETRY_SECONDS);
        }
    }

    private WebhookAnswer tooLarge() {
        return WebhookAnswer.problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                "The request body may be at most " + maxBytes + " bytes.");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, WebhookAnswer answer)
            throws IOException {
        response.setStatus(answer.status().value());
        commonHeaders(response);
        if (answer.retryAfter() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, answer.retryAfter().toString());
        }
        String body;
        if (answer.outcome() != null) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            body = answer.outcomeJson();
        } else {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            body = ProblemResponses.json(answer.status(), answer.title(), answer.detail(), request.getRequestURI());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void commonHeaders(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    private static String path(String target) {
        return "/hooks/" + target;
    }

    /** Registers the filter for {@code /hooks/*}, ahead of every other filter. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<WebhookFilter> webhookFilter(WebhookIntake intake, PlatformSettings platform,
                                                            IngestSettings ingest, MeterRegistry metrics) {
            var registration = new FilterRegistrationBean<>(new WebhookFilter(intake, platform.maxRequestSize().toBytes(),
                    ingest.maxConcurrentDeliveries(), ingest.admissionWait(), metrics));
            registration.addUrlPatterns("/hooks/*");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
