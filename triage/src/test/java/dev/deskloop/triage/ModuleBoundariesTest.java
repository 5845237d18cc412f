package dev.deskloop.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the triage core plain Java: outside the adapter packages (json, cli, eval, llm) no source file imports a
 * JSON library, Spring, JDBC or the JDK HTTP client. The app has the same rule as an architecture test.
 */
class ModuleBoundariesTest {

    private static final Set<String> ADAPTERS = Set.of("json", "cli", "eval", "llm");
    private static final List<String> FORBIDDEN = List.of("import tools.jackson", "import com.fasterxml",
            "import org.springframework", "import java.sql", "import javax.sql", "import java.net.http",
            "import com.google.gson", "import dev.langchain4j.model.openai", "import org.apache.commons.csv");

    @Test
    void coreAndRulesImportNoFrameworkOrJsonLibrary() throws IOException {
        Path root = Path.of("src/main/java/dev/deskloop/triage");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = root.relativize(file);
                String topPackage = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
                if (ADAPTERS.contains(topPackage)) {
                    continue;
                }
                for (String line : Files.readAllLines(file)) {
                    if (FORBIDDEN.stream().anyMatch(line::startsWith)) {
                        violations.add(relative + ": " + line);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyPackageSaysWhatItIsFor() throws IOException {
        Path root = Path.of("src/main/java/dev/deskloop/triage");
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                assertThat(dir.resolve("package-info.java")).as(dir.toString()).exists();
            }
        }
    }
}
