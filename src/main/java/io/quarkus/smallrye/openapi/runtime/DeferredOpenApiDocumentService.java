package io.quarkus.smallrye.openapi.runtime;

import io.joule.openapi.AllowedMethods;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
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
 * shortly after the service has started; a request that needs a document first (for itself, or for an Allow header)
 * builds the documents on its own thread, an event loop included, or waits for the build: only in the first second
 * after a start.
 * A build that fails stops the service, as it stopped the start before.
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

    /** Added on the start thread, before any reader; one task builds them all, so every write precedes every read. */
    private final List<Runnable> builds = new ArrayList<>();
    private FutureTask<Void> built;

    @Override
    void prepareDocument(AutoSecurityFilter autoSecurityFilter, Map<OpenApiFilter.RunStage, List<String>> filtersByStage,
            String documentName) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        builds.add(() -> withLoader(loader, () -> super.prepareDocument(autoSecurityFilter, filtersByStage, documentName)));
        AllowedMethods.buildBeforeLookup(this::awaitBuilt);
    }

    /**
     * A second after the start, so that it takes no CPU from the first requests either (the readiness probe's among
     * them): begun at once, it made the first ready answer 50 – 90 ms later (6 interleaved starts, 2 cores).
     */
    void afterStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent event) {
        Thread builder = new Thread(() -> {
            try {
                Thread.sleep(BUILD_DELAY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            built().run();
        }, "openapi-document");
        builder.setDaemon(true);
        builder.start();
    }

    @Override
    public byte[] getDocument(String documentName, Format format) {
        awaitBuilt();
        return super.getDocument(documentName, format);
    }

    private void awaitBuilt() {
        FutureTask<Void> task = built();
        task.run();
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the OpenAPI document was built", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The OpenAPI document could not be built", e.getCause());
        }
    }

    private synchronized FutureTask<Void> built() {
        if (built == null) {
            built = new FutureTask<>(() -> {
                try {
                    builds.forEach(Runnable::run);
                    return null;
                } catch (RuntimeException | Error e) {
                    Log.error("The OpenAPI document could not be built; stopping", e);
                    Quarkus.asyncExit(1);
                    throw e;
                }
            });
        }
        return built;
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
