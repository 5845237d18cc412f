package dev.deskloop.platform.jobs;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    /** The queue does not run for one-shot commands such as {@code rotate-key}. */
    @Bean
    Jobs jobs(DataSource dataSource, List<Task<?>> tasks, JobsSettings settings, Clock clock,
              @Value("${deskloop.command:serve}") String command, ObjectProvider<WorkSource> sources) {
        return new Jobs(dataSource, tasks, settings, clock, "serve".equals(command),
                () -> sources.orderedStream().toList());
    }
}
