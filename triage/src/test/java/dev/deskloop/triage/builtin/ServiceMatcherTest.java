package dev.deskloop.triage.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.triage.CatalogService;
import dev.deskloop.triage.Category;
import dev.deskloop.triage.ServiceCatalog;
import java.util.List;
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
}
