package dev.deskloop.helpdesk.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import dev.deskloop.helpdesk.HelpdeskApiException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The one outbound HTTP client for providers: JDK HttpClient with timeouts, and every error status mapped once
 * into {@link HelpdeskApiException} by {@link ErrorMapping}.
 */
@Component
public class ProviderHttp {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_ERROR_BODY = 16 * 1024;

    private final RestClient client;

    ProviderHttp(Clock clock) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(READ_TIMEOUT);
        this.client = RestClient.builder()
                .requestFactory(requests)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw ErrorMapping.map(response.getStatusCode().value(), response.getHeaders(),
                            readCapped(response.getBody()), clock);
                })
                .build();
    }

    public RestClient client() {
        return client;
    }

    /** Runs a call, turning transport failures (timeouts, refused connections) into {@code Unavailable}. */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (HelpdeskApiException e) {
            throw e;
        } catch (ResourceAccessException e) {
            throw new HelpdeskApiException.Unavailable(what + " failed: provider unreachable or too slow", e);
        } catch (RestClientException e) {
            throw new HelpdeskApiException.Unavailable(what + " failed: unreadable provider response", e);
        }
    }

    public static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    private static String readCapped(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_ERROR_BODY);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
