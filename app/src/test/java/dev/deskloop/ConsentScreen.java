package dev.deskloop;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Plays the person on a provider's consent screen: opens the page the app redirected to, and presses Allow or Deny
 * by submitting the page's form as a browser would. Returns where the provider sends the browser next.
 */
public final class ConsentScreen {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile(
            "<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public URI allow(URI consentPage) {
        return decide(consentPage, "allow");
    }

    public URI deny(URI consentPage) {
        return decide(consentPage, "deny");
    }

    private URI decide(URI consentPage, String decision) {
        try {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(consentPage).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new AssertionError("consent page answered " + page.statusCode() + ": " + page.body());
            }
            Matcher form = FORM.matcher(page.body());
            if (!form.find()) {
                throw new AssertionError("no form on the consent page: " + page.body());
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher hidden = HIDDEN.matcher(form.group(2));
            while (hidden.find()) {
                fields.put(hidden.group(1), unescape(hidden.group(2)));
            }
            fields.put("decision", decision);
            URI action = consentPage.resolve(unescape(form.group(1)));
            String body = fields.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(action)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            String location = answer.headers().firstValue("Location")
                    .orElseThrow(() -> new AssertionError("the consent form answered " + answer.statusCode()
                            + " without a redirect: " + answer.body()));
            return URI.create(location);
        } catch (IOException e) {
            throw new AssertionError("consent screen unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">");
    }
}
