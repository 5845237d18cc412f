package dev.deskloop.writeback;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.deskloop.platform.jobs.Jobs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code analyze} job (instance id = ticket id and triage version), scheduled when a bug's severity meets the
 * connection's threshold. Log sources do not exist yet, so it records that the analysis waits for one; it posts
 * nothing.
 */
@Configuration(proxyBeanMethods = false)
public class AutoAnalysis {

    public static final TaskDescriptor<String> TASK = TaskDescriptor.of("analyze", String.class);
    static final String NO_LOG_SOURCE = "analysis pending: no log source";

    private final TicketTimeline timeline;
    private final Clock clock;

    AutoAnalysis(TicketTimeline timeline, Clock clock) {
        this.timeline = timeline;
        this.clock = clock;
    }

    static TaskInstance<String> instance(UUID workspaceId, UUID ticketId, int triageVersion) {
        return TASK.instance(ticketId + ":" + triageVersion)
                .data(workspaceId + ":" + ticketId + ":" + triageVersion).build();
    }

    @Bean
    OneTimeTask<String> analyzeTask() {
        return Tasks.oneTime(TASK)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(5,
                        new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(10))))
                .onDeadExecution(Jobs.reviveOn(clock))
                .execute((instance, context) -> {
                    String[] parts = instance.getData().split(":");
                    timeline.recordOnce(UUID.fromString(parts[0]), UUID.fromString(parts[1]), TicketTimeline.ANALYSIS,
                            NO_LOG_SOURCE + " (triage version " + parts[2] + ")");
                });
    }
}
