/**
 * The optional LLM engine for OpenAI-compatible chat-completions endpoints (langchain4j): redaction, delimited
 * prompt, strict JSON schema, validation and fallback to the built-in engine.
 */
package dev.deskloop.triage.llm;
