package dev.deskloop.triage.builtin;

import dev.deskloop.triage.model.TextClassifier;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The learned part of the built-in engine: a category classifier and a severity classifier for bugs, trained at
 * build time from the labelled tickets in {@code builtin/train.jsonl} and shipped in the jar as
 * {@value #RESOURCE}.
 *
 * @param fingerprint what the model was built from (training data and code), to skip needless rebuilds
 * @param category classifier over the category wire names
 * @param severity classifier over the severity wire names, trained on bugs only
 */
public record BuiltinModel(String fingerprint, TextClassifier category, TextClassifier severity) {

    /** Class-path location of the trained model. */
    public static final String RESOURCE = "/dev/deskloop/triage/builtin/model.bin";
    private static final int MAGIC = 0x444C424D; // "DLBM"

    public BuiltinModel {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        if (!category.spec().equals(severity.spec())) {
            throw new IllegalArgumentException("both classifiers must read the same features");
        }
    }

    /** Reads the model shipped in the jar. */
    public static BuiltinModel load() {
        InputStream stream = BuiltinModel.class.getResourceAsStream(RESOURCE);
        if (stream == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the class path: it is trained during the "
                    + "Maven build (process-classes phase) of the triage module; run ./mvnw -pl triage package");
        }
        try (stream) {
            return read(stream);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads only the fingerprint of a written model, or null when the stream holds none. */
    public static String readFingerprint(InputStream stream) throws IOException {
        var in = new DataInputStream(new BufferedInputStream(stream));
        return in.readInt() == MAGIC ? in.readUTF() : null;
    }

    public static BuiltinModel read(InputStream stream) throws IOException {
        var in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Deskloop built-in model");
        }
        String fingerprint = in.readUTF();
        return new BuiltinModel(fingerprint, TextClassifier.read(in), TextClassifier.read(in));
    }

    public void write(OutputStream stream) throws IOException {
        var out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
        out.writeInt(MAGIC);
        out.writeUTF(fingerprint);
        category.write(out);
        severity.write(out);
        out.flush();
    }
}
