package dev.deskloop.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The requests the simulated providers received, oldest first, capped at a configured size. */
public final class RequestLog {

    private final Deque<RecordedRequest> entries = new ArrayDeque<>();
    private final int capacity;

    RequestLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(RecordedRequest request) {
        entries.addLast(request);
        while (entries.size() > capacity) {
            entries.removeFirst();
        }
    }

    synchronized void clear() {
        entries.clear();
    }

    public synchronized List<RecordedRequest> all() {
        return List.copyOf(entries);
    }

    public List<RecordedRequest> matching(Predicate<RecordedRequest> filter) {
        return all().stream().filter(filter).toList();
    }

    /** Requests with this method whose full path matches the regular expression. */
    public List<RecordedRequest> find(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return matching(r -> r.method().equals(method) && pattern.matcher(r.path()).matches());
    }

    public List<RecordedRequest> forProvider(String provider) {
        return matching(r -> r.provider().equals(provider));
    }

    public synchronized Optional<RecordedRequest> last() {
        return Optional.ofNullable(entries.peekLast());
    }

    public synchronized int size() {
        return entries.size();
    }
}
