package dev.deskloop.simulator.http;

/** Where providers report each request they answered, for the request log. */
@FunctionalInterface
public interface Recorder {
    void record(String provider, String tenant, Call call, int status);
}
