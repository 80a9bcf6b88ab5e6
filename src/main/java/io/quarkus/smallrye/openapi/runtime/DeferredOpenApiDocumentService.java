package io.quarkus.smallrye.openapi.runtime;

import io.joule.openapi.AllowedMethods;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.quarkus.smallrye.openapi.runtime.filter.AutoSecurityFilter;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Builds the OpenAPI document after the start instead of during it. Quarkus parses the document stored at build time
 * and writes it again as JSON and YAML at every start, before the service is ready: about 140 ms of the main thread's
 * CPU in a 1.9 s start on 2 cores, with no setting to skip it. Here that work runs on a thread of its own once the
 * service has started; a request that needs the document first (for itself, or for an Allow header) builds it
 * itself, or waits for the build.
 * <p>
 * It lives in Quarkus's package because the method it defers is package-private there, which is also why it serves
 * the packaged app only: {@code @QuarkusTest} loads Quarkus's classes and the application's with different class
 * loaders, across which that method is not overridden (nor the base class's fields injected). {@code @Override} makes
 * a changed signature a compile error; {@code DatabaseReadinessIT} fetches the packaged app's document.
 */
@IfBuildProfile("prod")
@Alternative
@Priority(1)
@ApplicationScoped
public class DeferredOpenApiDocumentService extends OpenApiDocumentService {
    private final Map<String, FutureTask<Void>> pending = new ConcurrentHashMap<>();

    @Override
    void prepareDocument(AutoSecurityFilter autoSecurityFilter, Map<OpenApiFilter.RunStage, List<String>> filtersByStage,
            String documentName) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        pending.put(documentName, new FutureTask<>(() -> {
            build(loader, autoSecurityFilter, filtersByStage, documentName);
            return null;
        }));
        if (OpenApiConstants.DEFAULT_DOCUMENT_NAME.equals(documentName)) {
            // the Allow headers are read from this document as it is built
            AllowedMethods.pending(() -> getDocument(documentName, Format.JSON));
        }
    }

    void afterStart(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) StartupEvent event) {
        if (pending.isEmpty()) {
            return;
        }
        Thread builder = new Thread(() -> pending.values().forEach(FutureTask::run), "openapi-document");
        builder.setDaemon(true);
        builder.setPriority(Thread.MIN_PRIORITY);
        builder.start();
    }

    @Override
    public byte[] getDocument(String documentName, Format format) {
        FutureTask<Void> task = pending.get(documentName);
        if (task != null) {
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
        return super.getDocument(documentName, format);
    }

    /** Synchronized: the base class keeps its documents in a plain map. */
    private synchronized void build(ClassLoader loader, AutoSecurityFilter autoSecurityFilter,
            Map<OpenApiFilter.RunStage, List<String>> filtersByStage, String documentName) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            super.prepareDocument(autoSecurityFilter, filtersByStage, documentName);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
