package io.quarkus.smallrye.openapi.runtime;

import io.joule.openapi.AllowedMethods;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.quarkus.smallrye.openapi.runtime.filter.AutoSecurityFilter;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Builds the OpenAPI documents after the start instead of during it. Quarkus 3.34.3 parses the document stored at
 * build time and writes it again as JSON and YAML at every start, before the service is ready: about 140 ms of the
 * main thread's CPU in a 1.9 s start on 2 cores, with no setting to skip it (later versions build it lazily, but not
 * with a filter that runs at start, as {@code AllowedMethodsFilter} does). Here that work runs on a thread of its own
 * a second after the StartupEvent (just before the port opens). A request that needs a document sooner (for itself, or
 * for an Allow header) builds the documents on its own thread, an event loop included (whose other requests then wait),
 * or waits for the build to end. A build that fails logs one ERROR and stops the service, as it stopped the start before.
 * <p>
 * It lives in Quarkus's package because the method it defers is package-private there, which is also why it serves
 * the packaged app only: {@code @QuarkusTest} loads Quarkus's classes and the application's with different class
 * loaders, across which that method is not overridden (nor the base class's fields injected). {@code @Override} makes
 * a changed signature a compile error; a changed behaviour is for {@code AllowedMethodsIT} and
 * {@code DatabaseReadinessIT} to find, so check both at each Quarkus upgrade.
 */
@IfBuildProfile("prod")
@Alternative
@Priority(1)
@ApplicationScoped
public class DeferredOpenApiDocumentService extends OpenApiDocumentService {
    private static final Duration BUILD_DELAY = Duration.ofSeconds(1);

    /**
     * Quarkus prepares its documents before the StartupEvent and before the port opens (its build steps' order in
     * 3.34.3), so every build is added before any reader; one task builds them all, so that each of its writes to the
     * base class's plain map precedes every read.
     */
    private final List<Runnable> builds = new ArrayList<>();
    private FutureTask<Void> buildTask;
    private Thread builder;
    private volatile boolean stopping;

    @Override
    synchronized void prepareDocument(AutoSecurityFilter autoSecurityFilter,
            Map<OpenApiFilter.RunStage, List<String>> filtersByStage, String documentName) {
        if (buildTask != null) {
            throw new IllegalStateException("OpenAPI document " + documentName + " was prepared after the documents were built");
        }
        // the thread that builds may be an event loop, whose context class loader is not the application's
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        builds.add(() -> withLoader(loader, () -> super.prepareDocument(autoSecurityFilter, filtersByStage, documentName)));
        AllowedMethods.buildBeforeLookup(this::awaitBuilt);
    }

    /**
     * A second after the start, so that it takes no CPU from the first requests either (the readiness probe's among
     * them): begun at once, it made the first ready answer 50 – 90 ms later (6 interleaved starts, 2 cores).
     */
    synchronized void afterStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent event) {
        builder = new Thread(() -> {
            try {
                Thread.sleep(BUILD_DELAY.toMillis());
                buildTask().run();
            } catch (InterruptedException stopped) {
                // the service is stopping: the container the build needs is going
            }
        }, "openapi-document");
        builder.setDaemon(true);
        builder.start();
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (builder != null) {
            builder.interrupt();
        }
    }

    @Override
    public byte[] getDocument(String documentName, Format format) {
        awaitBuilt();
        return super.getDocument(documentName, format);
    }

    /**
     * Builds the documents, or waits for their build to end, an interrupt notwithstanding (a reader must not see the
     * base class's map while it is written); after a failed build (logged once, the service stopping) there are none.
     */
    private void awaitBuilt() {
        FutureTask<Void> task = buildTask();
        task.run();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException failed) {
                    // the task has logged it and asked the service to stop; meanwhile each answer goes without the documents
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized FutureTask<Void> buildTask() {
        if (buildTask == null) {
            buildTask = new FutureTask<>(() -> {
                try {
                    builds.forEach(Runnable::run);
                    return null;
                } catch (RuntimeException | Error e) {
                    if (!stopping) {
                        Log.error("The OpenAPI document could not be built; stopping", e);
                        Quarkus.asyncExit(1);
                    }
                    throw e;
                } finally {
                    AllowedMethods.buildBeforeLookup(null);
                }
            });
        }
        return buildTask;
    }

    private static void withLoader(ClassLoader loader, Runnable work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
