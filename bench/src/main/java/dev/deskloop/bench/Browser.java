package dev.deskloop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a person does in a browser before any ticket flows: opens the setup link and chooses the owner's password,
 * signs in, and connects Zendesk or Intercom through the (simulated) consent screen. Real HTTP, redirects followed by hand, and
 * a small cookie jar of its own: the session cookie is {@code Secure}, which {@link java.net.CookieManager} would
 * not send back over plain http://127.0.0.1 (browsers do on localhost), and the app is not reconfigured for that.
 */
final class Browser {

    private static final Pattern CSRF = Pattern.compile(
            "<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile(
            "<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern WORKSPACE = Pattern.compile("/w/([0-9a-f\\-]{36})");

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String app;
    private final String appAuthority;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    Browser(String appBaseUrl) {
        this.app = appBaseUrl;
        this.appAuthority = URI.create(appBaseUrl).getAuthority();
    }

    /** Setup link → password → sign-in; returns the owner's first workspace id. */
    UUID setUpOwnerAndSignIn(String setupLink, String email, String password) throws IOException, InterruptedException {
        URI setup = URI.create(setupLink);
        // The link prints the public URL; the bench configured it as http://127.0.0.1:port, the same as app.
        HttpResponse<String> page = get(setup);
        expect(page, 200, "setup page");
        HttpResponse<String> chosen = postForm(setup, Map.of("password", password, "confirmation", password,
                "_csrf", csrf(page)));
        expect(chosen, 302, "choosing the password");
        if (!location(chosen).toString().contains("password-set")) {
            throw new IllegalStateException("choosing the password did not succeed: " + location(chosen));
        }
        URI login = URI.create(app + "/login");
        HttpResponse<String> form = get(login);
        expect(form, 200, "sign-in page");
        HttpResponse<String> signedIn = postForm(login, Map.of("username", email, "password", password,
                "_csrf", csrf(form)));
        expect(signedIn, 302, "signing in");
        if (location(signedIn).toString().contains("error") || location(signedIn).toString().contains("locked")) {
            throw new IllegalStateException("sign-in refused: " + location(signedIn));
        }
        HttpResponse<String> home = get(URI.create(app + "/"));
        expect(home, 302, "home page");
        Matcher workspace = WORKSPACE.matcher(location(home).toString());
        if (!workspace.find()) {
            throw new IllegalStateException("home did not redirect to a workspace: " + location(home));
        }
        return UUID.fromString(workspace.group(1));
    }

    /** Workspace page → "New workspace" form; returns the new workspace's id (the caller becomes its owner). */
    UUID createWorkspace(UUID fromWorkspace, String name) throws IOException, InterruptedException {
        HttpResponse<String> page = get(URI.create(app + "/w/" + fromWorkspace));
        expect(page, 200, "workspace page");
        HttpResponse<String> created = postForm(URI.create(app + "/w/" + fromWorkspace + "/workspaces"),
                Map.of("name", name, "_csrf", csrf(page)));
        expect(created, 302, "creating a workspace");
        Matcher workspace = WORKSPACE.matcher(location(created).toString());
        if (!workspace.find() || workspace.group(1).equals(fromWorkspace.toString())) {
            throw new IllegalStateException("creating a workspace did not lead to it: " + location(created));
        }
        return UUID.fromString(workspace.group(1));
    }

    /** Integrations → Connect Zendesk (subdomain) → Allow on the consent screen → callback. */
    void connectZendesk(UUID workspaceId, String subdomain) throws IOException, InterruptedException {
        connect(workspaceId, "zendesk", Map.of("subdomain", subdomain));
    }

    /** Integrations → Connect Intercom → Connect on the consent screen → callback. */
    void connectIntercom(UUID workspaceId) throws IOException, InterruptedException {
        connect(workspaceId, "intercom", Map.of());
    }

    private void connect(UUID workspaceId, String provider, Map<String, String> connectForm)
            throws IOException, InterruptedException {
        URI integrations = URI.create(app + "/w/" + workspaceId + "/settings/integrations");
        HttpResponse<String> page = get(integrations);
        expect(page, 200, "integrations page");
        Map<String, String> connectFields = new LinkedHashMap<>(connectForm);
        connectFields.put("_csrf", csrf(page));
        HttpResponse<String> connect = postForm(URI.create(app + "/w/" + workspaceId + "/integrations/" + provider
                + "/connect"), connectFields);
        expect(connect, 302, "Connect " + provider);
        URI consent = location(connect);

        HttpResponse<String> consentPage = get(consent);
        expect(consentPage, 200, "consent screen");
        Matcher form = FORM.matcher(consentPage.body());
        if (!form.find()) {
            throw new IllegalStateException("no form on the consent screen: " + consentPage.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(form.group(2));
        while (hidden.find()) {
            fields.put(hidden.group(1), unescape(hidden.group(2)));
        }
        fields.put("decision", "allow");
        HttpResponse<String> allowed = postForm(consent.resolve(unescape(form.group(1))), fields);
        expect(allowed, 302, "Allow on the consent screen");

        HttpResponse<String> callback = get(location(allowed));
        expect(callback, 302, "OAuth callback");
        HttpResponse<String> after = get(location(callback));
        expect(after, 200, "integrations page after connecting");
        if (after.body().contains("class=\"error\"")) {
            throw new IllegalStateException("the integrations page shows an error after connecting:\n" + after.body());
        }
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET(), uri);
    }

    private HttpResponse<String> postForm(URI uri, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), uri);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, URI uri) throws IOException, InterruptedException {
        boolean toApp = appAuthority.equals(uri.getAuthority());
        if (toApp && !cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (toApp) {
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                boolean expired = header.toLowerCase().contains("max-age=0");
                if (expired || value.isEmpty()) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
        }
        return response;
    }

    private static URI location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException(response.uri() + " answered " + response.statusCode()
                        + " without a Location"));
        return response.uri().resolve(location);
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on " + page.uri());
        }
        return unescape(m.group(1) != null ? m.group(1) : m.group(2));
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            String body = response.body();
            throw new IllegalStateException(what + ": expected " + status + " but " + response.uri() + " answered "
                    + response.statusCode() + " " + response.headers().firstValue("Location").orElse("") + "\n"
                    + (body.length() > 2000 ? body.substring(0, 2000) : body));
        }
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">");
    }
}
