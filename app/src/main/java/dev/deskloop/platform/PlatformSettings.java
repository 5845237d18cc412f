package dev.deskloop.platform;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where Deskloop keeps its files, the address people and providers reach it at, and the request body limit.
 */
@ConfigurationProperties("deskloop")
public record PlatformSettings(Path dataDir, URI publicUrl, DataSize maxRequestSize) {

    public PlatformSettings {
        Objects.requireNonNull(dataDir, "deskloop.data-dir must be set");
        Objects.requireNonNull(publicUrl, "deskloop.public-url must be set");
        if (!"http".equals(publicUrl.getScheme()) && !"https".equals(publicUrl.getScheme())) {
            throw new IllegalArgumentException("deskloop.public-url must be an http(s) URL, got " + publicUrl);
        }
        if (maxRequestSize == null) {
            maxRequestSize = DataSize.ofMegabytes(1);
        }
    }

    /** The public URL of a path inside Deskloop, e.g. {@code link("/setup/abc")}. */
    public String link(String path) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
