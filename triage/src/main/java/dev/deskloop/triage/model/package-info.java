/**
 * The learned part of the built-in engine: the in-process MiniLM sentence encoder (ONNX Runtime), hashed TF-IDF
 * n-grams and a multinomial logistic regression trained in pure Java. No JSON, HTTP or framework types.
 */
package dev.deskloop.triage.model;
