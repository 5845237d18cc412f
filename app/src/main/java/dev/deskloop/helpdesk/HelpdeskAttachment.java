package dev.deskloop.helpdesk;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The metadata of a file attached to a message, as the provider describes it; Deskloop never downloads the file.
 * Everything comes from outside, so the record keeps only what is plausible: a readable name of bounded length, a
 * content type shaped like {@code type/subtype}, a size between 0 and {@link #MAX_SIZE} and an absolute http(s) URL;
 * anything else becomes null (unknown).
 *
 * @param name        the file name, never blank
 * @param contentType e.g. {@code image/png}, or null
 * @param size        bytes, or null when unknown or absurd
 * @param url         where the provider serves the file (absolute http or https), or null
 */
public record HelpdeskAttachment(String name, String contentType, Long size, String url) {

    /** Attachments kept per message; providers allow about 10 per API write, people attach more by e-mail. */
    public static final int MAX_PER_MESSAGE = 20;
    public static final int MAX_NAME = 255;
    public static final int MAX_CONTENT_TYPE = 100;
    public static final int MAX_URL = 2000;
    /** Far above the providers' upload limits; anything larger is a lie. */
    public static final long MAX_SIZE = 10L * 1024 * 1024 * 1024;

    private static final Pattern CONTENT_TYPE =
            Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");

    private static final String UNNAMED = "attachment";

    public HelpdeskAttachment {
        name = cleanName(name).orElse(UNNAMED);
        contentType = cleanContentType(contentType);
        size = size == null || size < 0 || size > MAX_SIZE ? null : size;
        url = httpUrl(url).orElse(null);
    }

    /**
     * An attachment from untrusted values, or empty when there is neither a name nor a usable URL (nothing worth
     * showing).
     */
    public static Optional<HelpdeskAttachment> of(String name, String contentType, Long size, String url) {
        if (cleanName(name).isEmpty() && httpUrl(url).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HelpdeskAttachment(name, contentType, size, url));
    }

    /**
     * Reads the attachments of one message from a provider's list: at most {@link #MAX_PER_MESSAGE}, looking at no
     * more than four times as many entries, skipping those {@code read} finds nothing in.
     */
    public static <T> List<HelpdeskAttachment> firstOf(Iterable<T> entries,
                                                       Function<T, Optional<HelpdeskAttachment>> read) {
        List<HelpdeskAttachment> out = new ArrayList<>();
        int seen = 0;
        for (T entry : entries) {
            if (out.size() >= MAX_PER_MESSAGE || seen++ >= 4 * MAX_PER_MESSAGE) {
                break;
            }
            read.apply(entry).ifPresent(out::add);
        }
        return out;
    }

    /** The URL if it is an absolute http or https URL with a host and no user info; empty otherwise. */
    public static Optional<String> httpUrl(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_URL) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        if (trimmed.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isBlank()
                    || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            return Optional.of(trimmed);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> cleanName(String value) {
        if (value == null) {
            return Optional.empty();
        }
        // No control or format (e.g. bidirectional override) characters: a name must read as what it is.
        String cleaned = value.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "").strip();
        if (cleaned.isEmpty()) {
            return Optional.empty();
        }
        if (cleaned.length() > MAX_NAME) {
            int end = MAX_NAME - 1;
            if (Character.isHighSurrogate(cleaned.charAt(end - 1))) {
                end--;
            }
            cleaned = cleaned.substring(0, end) + "…";
        }
        return Optional.of(cleaned);
    }

    private static String cleanContentType(String value) {
        if (value == null) {
            return null;
        }
        String type = value.strip().toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon).strip();
        }
        return type.length() <= MAX_CONTENT_TYPE && CONTENT_TYPE.matcher(type).matches() ? type : null;
    }
}
