package dev.deskloop.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Without the shared OpenAPI folder the fidelity tests fail with a message saying what is missing; they never skip. */
class SharedFolderTest {

    @Test
    void missingSharedFolderFailsClearly() {
        String original = System.getProperty("deskloop.shared.dir");
        try {
            System.setProperty("deskloop.shared.dir", "/nonexistent/shared");
            assertThatThrownBy(OpenApiContracts::openApiDir).isInstanceOf(AssertionError.class)
                .hasMessageContaining("OpenAPI descriptions are missing").hasMessageContaining("/nonexistent/shared/reference/openapi");
        } finally {
            if (original == null) {
                System.clearProperty("deskloop.shared.dir");
            } else {
                System.setProperty("deskloop.shared.dir", original);
            }
        }
        assertThat(OpenApiContracts.openApiDir()).isDirectory();
    }
}
