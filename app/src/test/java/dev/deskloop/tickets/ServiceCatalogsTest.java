package dev.deskloop.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskloop.platform.InvalidInput;
import dev.deskloop.triage.CatalogService;
import org.junit.jupiter.api.Test;

/** Checking a catalog pasted into Settings → Services: every problem is refused with the field it is in. */
class ServiceCatalogsTest {

    @Test
    void readsTheCatalogFormatOfTheCommandLine() {
        var catalog = ServiceCatalogs.parse("""
                services:
                  - name: billing-api
                    description: Invoices and payments
                    keywords: [invoice, refund]
                  - name: auth
                """);

        assertThat(catalog.services()).extracting(CatalogService::name).containsExactly("billing-api", "auth");
        assertThat(catalog.services().getFirst().keywords()).containsExactly("invoice", "refund");
    }

    @Test
    void blankTextAndAnEmptyListAreTheEmptyCatalog() {
        assertThat(ServiceCatalogs.parse("  \n").services()).isEmpty();
        assertThat(ServiceCatalogs.parse("services: []").services()).isEmpty();
    }

    @Test
    void problemsNameTheirField() {
        assertRefused("services:\n  - description: no name\n", "services[0].name", "missing");
        assertRefused("services: [{name: a}, {name: a}]", "services", "'a' is listed twice");
        assertRefused("services: [{name: a, keywords: nope}]", "services[0].keywords", "expected a list of strings");
        assertRefused("[1, 2", "services", "not valid YAML");
        assertRefused("something: else", "services", "missing");
        assertRefused("services: [{name: a, keywords: ['']}]", "services[0].keywords[0]", "1 to 100 characters");
    }

    @Test
    void sizesAreLimited() {
        assertRefused("services: [{name: " + "n".repeat(101) + "}]", "services[0].name", "longer than 100");
        assertRefused("services: [{name: a, description: " + "d".repeat(2001) + "}]", "services[0].description",
                "longer than 2000");
        StringBuilder many = new StringBuilder("services:\n");
        for (int i = 0; i <= ServiceCatalogs.MAX_SERVICES; i++) {
            many.append("  - name: s").append(i).append('\n');
        }
        assertRefused(many.toString(), "services", "at most 200");
        assertRefused("services: []\n#" + "x".repeat(ServiceCatalogs.MAX_BYTES), "services", "longer than 64 KiB");
    }

    @Test
    void hostileYamlIsRefusedAsInvalidNotFollowed() {
        String deep = "services: " + "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> ServiceCatalogs.parse(deep)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("nesting depth");
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char previous = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(previous).append(", *").append(previous)
                    .append(", *").append(previous).append(", *").append(previous).append("]\n");
        }
        bomb.append("services: [{name: a, keywords: *k}]\n");
        assertThatThrownBy(() -> ServiceCatalogs.parse(bomb.toString())).isInstanceOf(InvalidInput.class)
                .as("the alias is read as its name, never expanded")
                .hasMessage("services[0].keywords expected a list of strings");
    }

    private static void assertRefused(String yaml, String field, String problem) {
        assertThatThrownBy(() -> ServiceCatalogs.parse(yaml))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).contains(problem);
                });
    }
}
