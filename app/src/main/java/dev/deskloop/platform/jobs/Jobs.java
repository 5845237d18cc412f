package dev.deskloop.platform.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import dev.deskloop.platform.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The running job queue. {@link #schedule} joins the current Spring transaction. In manual mode (tests) nothing
 * runs by itself; {@link #runDue()} runs every job due at the application clock's current time.
 */
public final class Jobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    private final Scheduler scheduler;
    private final ManualScheduler manual;
    private final Clock clock;
    private final boolean autoStart;
    private final Supplier<List<WorkSource>> sources;
    private volatile boolean running;

    Jobs(DataSource dataSource, List<Task<?>> tasks, JobsSettings settings, Clock clock, boolean autoStart,
         Supplier<List<WorkSource>> sources) {
        this.clock = clock;
        this.autoStart = autoStart;
        this.sources = sources;
        DataSource transactional = new TransactionAwareDataSourceProxy(dataSource);
        List<RecurringTask<?>> recurring = tasks.stream()
                .filter(task -> task instanceof RecurringTask<?>)
                .<RecurringTask<?>>map(task -> (RecurringTask<?>) task)
                .toList();
        // startTasks() registers the recurring tasks itself; naming them twice is an error.
        List<Task<?>> oneTime = tasks.stream().filter(task -> !(task instanceof RecurringTask<?>)).toList();
        if (settings.manual()) {
            SettableClock settable = new SettableClock();
            settable.set(clock.instant());
            var builder = TestHelper.createManualScheduler(transactional, oneTime).clock(settable).startTasks(recurring);
            builder.failureLogging(LogLevel.WARN, true);
            this.manual = builder.build();
            this.scheduler = manual;
        } else {
            this.manual = null;
            var builder = Scheduler.create(transactional, oneTime);
            if (isPostgreSql(dataSource)) {
                // One statement (select … for update skip locked) picks a batch of due jobs, instead of a select and
                // then an update per job.
                builder.pollUsingLockAndFetch(0.5, 1.0);
            }
            this.scheduler = builder
                    .startTasks(recurring)
                    .threads(settings.threads())
                    .pollingInterval(settings.pollingInterval())
                    // A crashed instance's jobs are taken over after 6 missed heartbeats: 3 minutes, not 30.
                    .heartbeatInterval(Duration.ofSeconds(30))
                    .clock(clock::instant)
                    .enableImmediateExecution()
                    .failureLogging(LogLevel.WARN, true)
                    .build();
        }
    }

    /**
     * Makes a job whose instance died due again at once, on the application clock (db-scheduler's own handler reads
     * the wall clock, which tests and clock-adjusted deployments do not follow).
     */
    public static <T> DeadExecutionHandler<T> reviveOn(Clock clock) {
        return (complete, operations) -> {
            log.info("Reviving job {} whose instance stopped", complete.getExecution().taskInstance);
            operations.reschedule(complete, clock.instant());
        };
    }

    /** Schedules a job unless one with the same task and instance id is already waiting. */
    public <T> boolean schedule(TaskInstance<T> instance, Instant at) {
        // Databases keep microseconds and may round up; a job due "now" must not land a fraction after now.
        boolean scheduled = scheduler.scheduleIfNotExists(instance, at.truncatedTo(ChronoUnit.MICROS));
        if (scheduled) {
            wakeAfterCommit();
        }
        return scheduled;
    }

    private void wakeAfterCommit() {
        if (manual == null) {
            // Inside a transaction the job is invisible until the commit: look for due jobs right after it.
            AfterCommit.run(scheduler::triggerCheckForDueExecutions);
        }
    }

    private static boolean isPostgreSql(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to set up the job queue", e);
        }
    }

    /**
     * Schedules a job whose instance id is new (the id of a row inserted in the same transaction): one insert, without
     * the existence check of {@link #schedule}. Scheduling the same instance twice fails.
     */
    public <T> void scheduleNew(TaskInstance<T> instance) {
        scheduler.scheduleBatch(List.<TaskInstance<?>>of(instance), clock.instant().truncatedTo(ChronoUnit.MICROS));
        wakeAfterCommit();
    }

    public <T> boolean scheduleNow(TaskInstance<T> instance) {
        return schedule(instance, clock.instant());
    }

    /**
     * Runs every due job and all ready work of the {@link WorkSource}s, repeatedly, until nothing is left (manual mode
     * only). Returns how many rounds ran.
     */
    public int runDue() {
        if (manual == null) {
            throw new IllegalStateException("runDue() is for the manual job queue used in tests");
        }
        int rounds = 0;
        while (rounds < 50) {
            manual.setTime(clock.instant());
            int sourced = 0;
            for (WorkSource source : sources.get()) {
                sourced += source.runReady();
            }
            if (countDue() == 0) {
                if (sourced == 0) {
                    return rounds;
                }
            } else {
                manual.runAnyDueExecutions();
            }
            rounds++;
        }
        return rounds;
    }

    /**
     * Finds executions whose instance stopped sending heartbeats (it crashed while running them) and makes them due
     * again (manual mode only; a running queue does this by itself).
     */
    public void reviveDeadExecutions() {
        if (manual == null) {
            throw new IllegalStateException("reviveDeadExecutions() is for the manual job queue used in tests");
        }
        manual.setTime(clock.instant());
        manual.runDeadExecutionDetection();
        sources.get().forEach(WorkSource::reviveAbandoned);
    }

    private int countDue() {
        int[] due = {0};
        Instant now = clock.instant();
        scheduler.fetchScheduledExecutions(execution -> {
            if (!execution.getExecutionTime().isAfter(now) && !execution.isPicked()) {
                due[0]++;
            }
        });
        return due[0];
    }

    @Override
    public void start() {
        if (manual == null && autoStart) {
            scheduler.start();
            log.info("Job queue started");
        } else if (manual != null) {
            manual.setTime(clock.instant());
            manual.start(); // registers the recurring jobs; runs nothing until runDue()
        }
        running = true;
    }

    @Override
    public void stop() {
        if (running && manual == null && autoStart) {
            scheduler.stop();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
