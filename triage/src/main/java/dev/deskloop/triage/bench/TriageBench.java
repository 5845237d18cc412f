package dev.deskloop.triage.bench;

import dev.deskloop.triage.ServiceCatalog;
import dev.deskloop.triage.TicketDocument;
import dev.deskloop.triage.TriageContext;
import dev.deskloop.triage.TriageEngine;
import dev.deskloop.triage.TriageEngines;
import dev.deskloop.triage.json.LabelledTicket;
import dev.deskloop.triage.json.TriageJson;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark of the built-in engine on one thread: engine start time, heap and resident memory taken by the model,
 * tickets per second and per-ticket latency (p50/p90/p99/max) over the labelled tickets. Prints its figures and
 * stops. Usage: {@code TriageBench [--tickets N] [--warmup N]}.
 */
public final class TriageBench {

    private TriageBench() {
    }

    public static void main(String[] args) throws IOException {
        int measured = 2000;
        int warmup = 300;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tickets" -> measured = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: TriageBench [--tickets N] [--warmup N]");
                    System.exit(2);
                }
            }
        }
        Runtime runtime = Runtime.getRuntime();
        long heapBefore = usedHeapAfterGc(runtime);
        long rssBefore = residentKilobytes();
        long start = System.nanoTime();
        TriageEngine engine = TriageEngines.builtin();
        double startSeconds = (System.nanoTime() - start) / 1e9;
        long heapAfter = usedHeapAfterGc(runtime);
        long rssAfter = residentKilobytes();

        List<TicketDocument> tickets = tickets();
        ServiceCatalog catalog = catalog();
        TriageContext context = TriageContext.of(catalog);
        // The first ticket also embeds the catalog's services once; it is part of the warm-up.
        for (int i = 0; i < warmup; i++) {
            engine.triage(tickets.get(i % tickets.size()), context);
        }
        // ONNX Runtime runs inference on the calling thread (one intra-op thread), so this thread's CPU time is the
        // whole cost of a ticket: it gives the one-core figures even when other processes share the machine.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] latencies = new long[measured];
        long[] cpu = new long[measured];
        long totalCpu = threads.getCurrentThreadCpuTime();
        long total = System.nanoTime();
        for (int i = 0; i < measured; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            engine.triage(tickets.get(i % tickets.size()), context);
            latencies[i] = System.nanoTime() - t;
            cpu[i] = threads.getCurrentThreadCpuTime() - c;
        }
        double seconds = (System.nanoTime() - total) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - totalCpu) / 1e9;
        Arrays.sort(latencies);
        Arrays.sort(cpu);

        System.out.println("Deskloop triage benchmark: built-in engine, one thread (ONNX Runtime intra-op threads = 1)");
        System.out.printf("JVM %s, %d available processors, max heap %d MB%n", Runtime.version(),
                runtime.availableProcessors(), runtime.maxMemory() >> 20);
        System.out.printf("engine start (MiniLM + classifiers, first call)  %.2f s%n", startSeconds);
        System.out.printf("heap used by the model                            %d MB%n", (heapAfter - heapBefore) >> 20);
        System.out.printf("resident memory added by loading (heap + native)  %d MB%n", (rssAfter - rssBefore) >> 10);
        System.out.printf("tickets: %d distinct labelled tickets, %d warm-up, %d measured%n", tickets.size(), warmup,
                measured);
        System.out.printf("throughput, wall clock                            %.1f tickets/s%n", measured / seconds);
        System.out.printf("latency p50 / p90 / p99 / max, wall clock         %.1f / %.1f / %.1f / %.1f ms%n",
                ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99), latencies[measured - 1] / 1e6);
        System.out.printf("throughput per CPU-second of the triage thread    %.1f tickets/s%n", measured / cpuSeconds);
        System.out.printf("CPU time per ticket p50 / p90 / p99 / max         %.1f / %.1f / %.1f / %.1f ms%n",
                ms(cpu, 0.50), ms(cpu, 0.90), ms(cpu, 0.99), cpu[measured - 1] / 1e6);
        System.out.printf("share of a core the triage thread got             %.2f (below 1: other processes competed)%n",
                cpuSeconds / seconds);
        System.out.printf("system load average (1 min)                       %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double ms(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static long usedHeapAfterGc(Runtime runtime) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long residentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: reported as 0
        }
        return 0;
    }

    private static List<TicketDocument> tickets() throws IOException {
        String jsonl = resource("/eval/dev.jsonl");
        if (jsonl == null) {
            jsonl = resource("/dev/deskloop/triage/builtin/train.jsonl");
        }
        if (jsonl == null) {
            throw new IOException("no labelled tickets on the class path");
        }
        return LabelledTicket.parseAll(jsonl, "labelled tickets").stream().map(LabelledTicket::document).toList();
    }

    private static ServiceCatalog catalog() throws IOException {
        String yaml = resource("/eval/services.yaml");
        if (yaml == null) {
            yaml = resource("/dev/deskloop/triage/builtin/services.yaml");
        }
        return yaml == null ? ServiceCatalog.empty() : TriageJson.readCatalog(yaml);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TriageBench.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
