package dev.deskloop.tickets;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.deskloop.audit.AuditLog;
import dev.deskloop.platform.InvalidInput;
import dev.deskloop.triage.CatalogService;
import dev.deskloop.triage.ServiceCatalog;
import dev.deskloop.triage.json.InvalidInputException;
import dev.deskloop.triage.json.TriageJson;
import dev.deskloop.workspace.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each workspace's service catalog, kept as the YAML an owner or admin saved ({@code services: [{name, description,
 * keywords}]}, the format of {@code ./deskloop triage --services}). Triage attributes tickets to its services; a
 * workspace that saved none has the empty catalog, so {@code affected_service} stays null.
 */
@Component
public class ServiceCatalogs {

    private static final Logger log = LoggerFactory.getLogger(ServiceCatalogs.class);

    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_SERVICES = 200;
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_KEYWORDS = 50;
    static final int MAX_KEYWORD = 100;

    /** Workspaces whose last parsed catalog is kept; beyond that the cache starts over. */
    private static final int MAX_PARSED = 1_000;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<UUID, Parsed> parsed = new ConcurrentHashMap<>();

    ServiceCatalogs(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The catalog as saved, for the settings page; empty when the workspace never saved one. */
    public record Saved(String yaml, ServiceCatalog catalog, Instant updatedAt, String updatedBy) {
    }

    public Optional<Saved> saved(UUID workspaceId) {
        return jdbc.sql("select yaml, updated_at, updated_by from service_catalog where workspace_id = :workspace")
                .param("workspace", workspaceId)
                .query((rs, row) -> new Saved(rs.getString("yaml"), readStored(workspaceId, rs.getString("yaml")),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by")))
                .optional();
    }

    /**
     * The catalog triage uses for the workspace's tickets. Every triage asks, so the YAML is parsed again only when it
     * differs from what this instance parsed last for the workspace (another instance may have saved it).
     */
    public ServiceCatalog of(UUID workspaceId) {
        Optional<String> yaml = jdbc.sql("select yaml from service_catalog where workspace_id = :workspace")
                .param("workspace", workspaceId)
                .query(String.class)
                .optional();
        if (yaml.isEmpty()) {
            parsed.remove(workspaceId);
            return ServiceCatalog.empty();
        }
        Parsed last = parsed.get(workspaceId);
        if (last != null && last.yaml().equals(yaml.get())) {
            return last.catalog();
        }
        ServiceCatalog catalog = readStored(workspaceId, yaml.get());
        if (parsed.size() >= MAX_PARSED) {
            parsed.clear();
        }
        parsed.put(workspaceId, new Parsed(yaml.get(), catalog));
        return catalog;
    }

    private record Parsed(String yaml, ServiceCatalog catalog) {
    }

    /**
     * Replaces the workspace's catalog (owner or admin only) after checking it; audits the names of the services.
     * Tickets triaged from now on use it; earlier results stay as they were.
     */
    @Transactional
    public ServiceCatalog save(Caller caller, String yaml) {
        caller.requireAdministrator();
        String text = yaml == null ? "" : yaml.replace("\r\n", "\n");
        ServiceCatalog catalog = parse(text);
        Timestamp now = Timestamp.from(clock.instant());
        // Lock the workspace row, so that two saves at once cannot both insert.
        jdbc.sql("select id from workspace where id = :id for update").param("id", caller.workspaceId())
                .query(UUID.class).list();
        int updated = jdbc.sql("""
                        update service_catalog set yaml = :yaml, updated_at = :now, updated_by = :by
                        where workspace_id = :workspace""")
                .param("yaml", text).param("now", now)
                .param("by", caller.email()).param("workspace", caller.workspaceId())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into service_catalog (workspace_id, yaml, updated_at, updated_by)
                            values (:workspace, :yaml, :now, :by)""")
                    .param("yaml", text).param("now", now)
                    .param("by", caller.email()).param("workspace", caller.workspaceId())
                    .update();
        }
        String names = catalog.services().stream().map(CatalogService::name).collect(Collectors.joining(", "));
        audit.record(caller.workspaceId(), caller.email(), "services.changed", "service catalog",
                catalog.services().size() + (catalog.services().size() == 1 ? " service" : " services")
                        + (names.isEmpty() ? "" : ": " + (names.length() > 300 ? names.substring(0, 300) + "…" : names)));
        return catalog;
    }

    /** Reads and checks a catalog from outside: a clear {@link InvalidInput} naming the field on any problem. */
    static ServiceCatalog parse(String yaml) {
        if (yaml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidInput("services", "is longer than " + MAX_BYTES / 1024 + " KiB");
        }
        ServiceCatalog catalog;
        try {
            catalog = TriageJson.readCatalog(yaml.isBlank() ? "services: []" : yaml);
        } catch (InvalidInputException e) {
            String field = e.field() == null ? "services" : e.field();
            String prefix = "field " + field + ": ";
            throw new InvalidInput(field, e.getMessage().startsWith(prefix)
                    ? e.getMessage().substring(prefix.length()) : e.getMessage());
        }
        if (catalog.services().size() > MAX_SERVICES) {
            throw new InvalidInput("services", "lists " + catalog.services().size() + " services; at most "
                    + MAX_SERVICES + " are allowed");
        }
        for (int i = 0; i < catalog.services().size(); i++) {
            CatalogService service = catalog.services().get(i);
            String path = "services[" + i + "]";
            if (service.name().strip().length() > MAX_NAME) {
                throw new InvalidInput(path + ".name", "is longer than " + MAX_NAME + " characters");
            }
            if (service.description().length() > MAX_DESCRIPTION) {
                throw new InvalidInput(path + ".description", "is longer than " + MAX_DESCRIPTION + " characters");
            }
            if (service.keywords().size() > MAX_KEYWORDS) {
                throw new InvalidInput(path + ".keywords", "lists more than " + MAX_KEYWORDS + " keywords");
            }
            for (int k = 0; k < service.keywords().size(); k++) {
                String keyword = service.keywords().get(k);
                if (keyword.isBlank() || keyword.length() > MAX_KEYWORD) {
                    throw new InvalidInput(path + ".keywords[" + k + "]", "must be 1 to " + MAX_KEYWORD + " characters");
                }
            }
        }
        return catalog;
    }

    /** A stored catalog was checked when saved; should a later version read it differently, triage goes on without. */
    private static ServiceCatalog readStored(UUID workspaceId, String yaml) {
        try {
            return parse(yaml);
        } catch (InvalidInput e) {
            log.warn("The saved service catalog of workspace {} no longer reads ({}); triaging without it", workspaceId,
                    e.getMessage());
            return ServiceCatalog.empty();
        }
    }
}
