package io.joule.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

/**
 * Lets scheduled jobs run once the start has succeeded. The scheduler starts halted
 * ({@code quarkus.scheduler.start-mode=halted}): otherwise its first tick can fall inside a start that is failing
 * (a missing database, a refused role) and run a job against a container that is already gone, which logs a
 * stack trace beside the one line that tells the operator what to do.
 */
@Singleton
public class SchedulerStart {

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent event, Scheduler scheduler) {
        scheduler.resume();
    }
}
