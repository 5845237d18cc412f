package dev.deskloop.triage;

import java.util.List;
import java.util.Objects;

/** One service of a workspace's catalog; the engine matches tickets to it by name, keywords and description. */
public record CatalogService(String name, String description, List<String> keywords) {

    public CatalogService {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("service name is blank");
        }
        description = description == null ? "" : description;
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}
