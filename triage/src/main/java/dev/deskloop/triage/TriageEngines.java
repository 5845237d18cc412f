package dev.deskloop.triage;

import dev.deskloop.triage.builtin.BuiltinTriageEngine;
import dev.deskloop.triage.llm.LlmTriageEngine;

/**
 * Where engines come from: the built-in offline engine (loaded once per JVM, thread-safe) and the optional LLM
 * engine, which falls back to another engine when the model fails.
 */
public final class TriageEngines {

    private TriageEngines() {
    }

    private static final class Builtin {
        private static final TriageEngine INSTANCE = BuiltinTriageEngine.load();
    }

    /** The built-in engine; the first call loads the model (about a second), later calls return the same one. */
    public static TriageEngine builtin() {
        return Builtin.INSTANCE;
    }

    /** An engine that asks an OpenAI-compatible chat model and answers with {@code fallback} when that fails. */
    public static TriageEngine llm(LlmSettings settings, TriageEngine fallback) {
        return new LlmTriageEngine(settings, fallback);
    }
}
