package dev.deskloop.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Who used the machine's CPUs during a phase, from /proc (Linux): Deskloop's process, this process (load generator
 * and simulator), PostgreSQL's processes, and everything else. "Everything else" is what makes a figure unreliable
 * on a machine shared with other builds, so every phase reports it.
 */
final class CpuMeter {

    private final long appPid;
    private final long selfPid = ProcessHandle.current().pid();
    private final double ticksPerSecond;

    CpuMeter(long appPid) {
        this.appPid = appPid;
        this.ticksPerSecond = clockTicks();
    }

    record Sample(long nanos, long busy, long total, long iowait, long app, long self, long postgres, long diskBusyMillis) {
    }

    /** Cores used by each party between two samples, and how busy the machine was as a whole. */
    record Usage(double seconds, double app, double self, double postgres, double others, double machineBusyShare,
                 int cores, double iowaitShare, double diskBusyShare) {

        String describe() {
            return String.format("CPU over %.0f s: app %.2f, bench (load generator + simulator) %.2f, postgres %.2f, "
                            + "other processes %.2f cores of %d (machine %.0f%% busy, iowait %.0f%%, disk busy %.0f%%)",
                    seconds, app, self, postgres, others, cores, machineBusyShare * 100, iowaitShare * 100,
                    diskBusyShare * 100);
        }
    }

    Sample sample() {
        long[] cpu = machine();
        return new Sample(System.nanoTime(), cpu[0], cpu[1], cpu[2], process(appPid), process(selfPid), postgres(),
                diskBusyMillis());
    }

    Usage between(Sample a, Sample b) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        double busyTicks = b.busy() - a.busy();
        double totalTicks = Math.max(1, b.total() - a.total());
        int cores = Runtime.getRuntime().availableProcessors();
        double busyCores = busyTicks / ticksPerSecond / seconds;
        double app = (b.app() - a.app()) / ticksPerSecond / seconds;
        double self = (b.self() - a.self()) / ticksPerSecond / seconds;
        double pg = (b.postgres() - a.postgres()) / ticksPerSecond / seconds;
        double others = Math.max(0, busyCores - app - self - pg);
        double iowait = (b.iowait() - a.iowait()) / totalTicks;
        double disk = Math.min(1, (b.diskBusyMillis() - a.diskBusyMillis()) / (seconds * 1000));
        return new Usage(seconds, app, self, pg, others, busyTicks / totalTicks, cores, iowait, disk);
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** busy and total jiffies of all CPUs. */
    private static long[] machine() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = first.trim().split("\\s+");
            long user = Long.parseLong(f[1]), nice = Long.parseLong(f[2]), system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]), iowait = Long.parseLong(f[5]), irq = Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]), steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            long busy = user + nice + system + irq + softirq + steal;
            return new long[] {busy, busy + idle + iowait, iowait};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 1, 0};
        }
    }

    /** Milliseconds spent doing I/O by the busiest whole disk (/proc/diskstats), e.g. the one PostgreSQL syncs to. */
    private static long diskBusyMillis() {
        long max = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/diskstats"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 12 && f[2].matches("(vd|sd|xvd)[a-z]+|nvme\\d+n\\d+")) {
                    max = Math.max(max, Long.parseLong(f[12]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return max;
        }
        return max;
    }

    /** utime + stime of a process, in clock ticks; 0 if it is gone. */
    private static long process(long pid) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat"), null);
    }

    private static long postgres() {
        long sum = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path p : procs) {
                sum += ticks(p.resolve("stat"), "postgres");
            }
        } catch (IOException | RuntimeException e) {
            return sum;
        }
        return sum;
    }

    private static long ticks(Path stat, String requiredName) {
        try {
            String text = Files.readString(stat);
            int open = text.indexOf('(');
            int close = text.lastIndexOf(')');
            if (requiredName != null && !text.substring(open + 1, close).equals(requiredName)) {
                return 0;
            }
            String[] f = text.substring(close + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder(List.of("getconf", "CLK_TCK")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
