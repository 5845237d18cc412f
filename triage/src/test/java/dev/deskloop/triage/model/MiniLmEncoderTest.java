package dev.deskloop.triage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskloop.triage.TextEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiniLmEncoderTest {

    private final TextEmbedder embedder = TextEmbedder.miniLm();

    @Test
    void embedsToUnitVectorsOfTheModelsDimension() {
        float[] vector = embedder.embed("The invoice PDF is blank.");

        assertThat(vector).hasSize(MiniLmEncoder.DIMENSION);
        assertThat(TextEmbedder.cosine(vector, vector)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void similarTicketsAreCloserThanUnrelatedOnes() {
        float[] a = embedder.embed("Customers are charged twice for the same invoice");
        float[] b = embedder.embed("Our clients got a double charge on one payment");
        float[] c = embedder.embed("How do I change the logo on the login page?");

        assertThat(TextEmbedder.cosine(a, b)).isGreaterThan(TextEmbedder.cosine(a, c) + 0.1);
    }

    @Test
    void readsOnlyTheBeginningOfLongTextAndAcceptsEmptyText() {
        String head = "Search returns nothing for any customer name, address, phone or invoice number we type. ";
        float[] oneTail = MiniLmEncoder.shared().embed(head + "filler words ".repeat(50_000), 16);
        float[] otherTail = MiniLmEncoder.shared().embed(head + "completely different ending", 16);

        assertThat(oneTail).containsExactly(otherTail);
        assertThat(embedder.embed("")).hasSize(MiniLmEncoder.DIMENSION);
    }

    @Test
    void isDeterministic() {
        assertThat(embedder.embed("same text")).containsExactly(embedder.embed("same text"));
    }

    @Test
    void cosineOfZeroVectorsIsZero() {
        assertThat(TextEmbedder.cosine(new float[3], new float[] {1, 2, 3})).isZero();
    }

    @Test
    void loadsAnotherCopyOfTheModelFromAFileOrTheClassPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("copy.onnx");
        try (InputStream stock = MiniLmEncoder.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx")) {
            Files.write(file, stock.readAllBytes());
        }
        String text = "Exports stopped working after the update";

        assertThat(MiniLmEncoder.load(file).embed(text, 32)).containsExactly(MiniLmEncoder.shared().embed(text, 32));
        assertThat(MiniLmEncoder.load("/all-minilm-l6-v2-q.onnx").embed(text, 32))
                .containsExactly(MiniLmEncoder.shared().embed(text, 32));
    }

    @Test
    void aMissingOrBrokenModelIsAClearError(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> MiniLmEncoder.load(dir.resolve("absent.onnx")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("absent.onnx");
        assertThatThrownBy(() -> MiniLmEncoder.load("/eval/absent.onnx"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/eval/absent.onnx is not on the class path");
        Path broken = Files.writeString(dir.resolve("broken.onnx"), "not a model");
        assertThatThrownBy(() -> MiniLmEncoder.load(broken))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("broken.onnx");
    }
}
