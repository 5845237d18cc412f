package dev.deskloop.triage.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.triage.CatalogService;
import dev.deskloop.triage.Category;
import dev.deskloop.triage.ServiceCatalog;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Keyword matching on its own: the embedder is a stub that gives every text the same vector. */
class ServiceMatcherTest {

    private static final ServiceCatalog CATALOG = new ServiceCatalog(List.of(
            new CatalogService("Search", "Global search", List.of("search", "no results", "sync")),
            new CatalogService("Integrations", "QuickBooks, Xero", List.of("quickbooks", "xero", "sync")),
            new CatalogService("Public REST API", "The API", List.of("api", "endpoint", "rate limit"))));

    private final ServiceMatcher matcher = new ServiceMatcher(text -> new float[] {1f, 0f, 0f});

    @Test
    void matchesByKeywordsAndName() {
        assertThat(matcher.match(CATALOG, Category.BUG, "QuickBooks invoices stopped", null)).isEqualTo("Integrations");
        assertThat(matcher.match(CATALOG, Category.BUG, "The public rest api returns 500", null))
                .isEqualTo("Public REST API");
        assertThat(matcher.match(CATALOG, Category.QUESTION, "searches give no results", null)).isEqualTo("Search");
    }

    @Test
    void aKeywordSharedByServicesCountsLess() {
        assertThat(matcher.match(CATALOG, Category.BUG, "sync with xero fails", null)).isEqualTo("Integrations");
    }

    @Test
    void answersNullForOtherTicketsAndEmptyCatalogs() {
        assertThat(matcher.match(CATALOG, Category.OTHER, "search is great, want to partner?", null)).isNull();
        assertThat(matcher.match(ServiceCatalog.empty(), Category.BUG, "search is broken", null)).isNull();
    }

    @Test
    void matchesWholeWordsOnly() {
        assertThat(matcher.match(CATALOG, Category.BUG, "the rapid research tool", null)).isNull();
    }

    @Test
    void keepsCompiledCatalogsUpToALimitOfServicesLeastRecentlyUsedOutFirst() {
        var embedded = new AtomicInteger();
        var counting = new ServiceMatcher(counting(embedded), 10);
        List<ServiceCatalog> catalogs = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            catalogs.add(new ServiceCatalog(List.of(new CatalogService("Search" + i, "Search", List.of("search")),
                    new CatalogService("Billing" + i, "Invoices", List.of("invoice")))));
        }
        for (ServiceCatalog catalog : catalogs.subList(0, 5)) {
            assertThat(counting.match(catalog, Category.BUG, "search is broken", null)).startsWith("Search");
        }
        int compiled = embedded.get();
        assertThat(compiled).as("two services and the two category anchors, per catalog").isEqualTo(5 * 4);

        for (ServiceCatalog catalog : catalogs.subList(0, 5)) {
            counting.match(catalog, Category.BUG, "search is broken", null);
        }
        assertThat(embedded.get()).as("ten services fit: nothing compiled again").isEqualTo(compiled);

        counting.match(catalogs.get(5), Category.BUG, "search is broken", null);
        counting.match(catalogs.get(1), Category.BUG, "search is broken", null);
        assertThat(embedded.get()).as("the sixth is compiled; the second is still kept").isEqualTo(compiled + 4);
        counting.match(catalogs.get(0), Category.BUG, "search is broken", null);
        assertThat(embedded.get()).as("the least recently used was let go").isEqualTo(compiled + 8);
    }

    @Test
    void aHundredSmallCatalogsStayCompiledWithTheDefaultLimit() {
        var embedded = new AtomicInteger();
        var counting = new ServiceMatcher(counting(embedded));
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 100; i++) {
                counting.match(new ServiceCatalog(List.of(new CatalogService("Search" + i, "Search", List.of("search")))),
                        Category.BUG, "search is broken", null);
            }
        }
        assertThat(embedded.get()).as("each catalog compiled once: its service and the two anchors").isEqualTo(300);
    }

    /** The stub embedder, counting the texts it embeds (a catalog's services and anchors when it is compiled). */
    private static Function<String, float[]> counting(AtomicInteger embedded) {
        return text -> {
            embedded.incrementAndGet();
            return new float[] {1f, 0f, 0f};
        };
    }
}
