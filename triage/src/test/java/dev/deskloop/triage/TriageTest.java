package dev.deskloop.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriageTest {

    private static final TimeWindow WINDOW = TimeWindow.before(Instant.parse("2026-03-18T15:30:00Z"),
            Duration.ofHours(2));

    @Test
    void onlyBugsHaveASeverityAndEveryBugHasOne() {
        assertThatThrownBy(() -> new Triage(Category.BILLING, false, Severity.LOW, 0.5, List.of(), null, null, null,
                "", null, WINDOW, "x")).hasMessageContaining("only bugs");
        assertThatThrownBy(() -> new Triage(Category.BUG, true, null, 0.5, List.of(), null, null, null, "", null,
                WINDOW, "x")).hasMessageContaining("severity");
        assertThatThrownBy(() -> new Triage(Category.BUG, false, Severity.LOW, 0.5, List.of(), null, null, null, "",
                null, WINDOW, "x")).hasMessageContaining("isBug");
    }

    @Test
    void wireNamesAreThoseOfTheContract() {
        assertThat(Category.ACCOUNT_ACCESS.wireName()).isEqualTo("account_access");
        assertThat(Category.fromWireName("feature_request")).isEqualTo(Category.FEATURE_REQUEST);
        assertThat(Severity.fromWireName("critical").atLeast(Severity.HIGH)).isTrue();
        assertThatThrownBy(() -> Category.fromWireName("Bug")).hasMessageContaining("bug, billing");
    }

    @Test
    void timeWindowsOverlap() {
        var a = new TimeWindow(Instant.parse("2026-03-18T10:00:00Z"), Instant.parse("2026-03-18T12:00:00Z"));
        var b = new TimeWindow(Instant.parse("2026-03-18T11:00:00Z"), Instant.parse("2026-03-18T13:00:00Z"));

        assertThat(a.overlap(a)).isEqualTo(1.0);
        assertThat(a.overlap(b)).isEqualTo(1.0 / 3);
        assertThatThrownBy(() -> new TimeWindow(b.end(), a.start())).hasMessageContaining("starts after");
    }

    @Test
    void catalogsRejectDuplicateNames() {
        var service = new CatalogService("API", null, null);

        assertThat(service.keywords()).isEmpty();
        assertThatThrownBy(() -> new ServiceCatalog(List.of(service, service))).hasMessageContaining("twice");
    }
}
