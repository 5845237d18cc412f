package dev.deskloop.triage;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** The services a workspace runs; an empty catalog is valid and makes {@code affected_service} always null. */
public record ServiceCatalog(List<CatalogService> services) {

    public ServiceCatalog {
        services = services == null ? List.of() : List.copyOf(services);
        var names = new HashSet<String>();
        for (CatalogService service : services) {
            if (!names.add(service.name())) {
                throw new IllegalArgumentException("service '" + service.name() + "' is listed twice");
            }
        }
    }

    /** The catalog with no services. */
    public static ServiceCatalog empty() {
        return new ServiceCatalog(List.of());
    }

    /** The service with exactly this name, if listed. */
    public Optional<CatalogService> byName(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst();
    }
}
