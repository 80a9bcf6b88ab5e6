package io.joule.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;

/**
 * The versioned SQL migrations packaged under {@value #LOCATION} (the top-level {@code migrations/} folder): each as
 * Flyway records it once applied (version, description, checksum), and as Flyway reads it when it migrates. Reading
 * them costs a directory listing and a CRC of 13 KB, where building Flyway to ask it the same costs most of a second.
 */
final class PackagedMigrations {
    static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

    /** One migration as its row in flyway_schema_history says it. */
    record Migration(String version, String description, int checksum) {
    }

    /** A script under {@value #LOCATION}: its file name, its text, and its row once applied. */
    record Script(String file, String text, Migration migration) {
        static Script of(String file, String text) {
            Matcher m = VERSIONED.matcher(file);
            if (!m.matches()) {
                throw new IllegalStateException("Not a versioned migration: " + file);
            }
            return new Script(file, text, new Migration(m.group(1).replace('_', '.'), m.group(2).replace('_', ' '),
                    ChecksumCalculator.calculate(resource(file, text))));
        }
    }

    /** Flyway's order of versions: numerically, part by part (1 < 2 < 11 < 20). */
    static final Comparator<Migration> BY_VERSION = Comparator.comparing(m -> MigrationVersion.fromVersion(m.version()));

    private final List<Script> scripts;

    private PackagedMigrations(List<Script> scripts) {
        this.scripts = scripts;
    }

    /** Reads the versioned scripts; fails when there are none, since a start that migrated nothing would look fine. */
    static PackagedMigrations load(ClassLoader loader) {
        URL location = loader.getResource(LOCATION);
        List<Script> scripts = location == null ? List.of() : files(location).stream()
                .filter(file -> VERSIONED.matcher(file).matches())
                .map(file -> Script.of(file, read(loader, LOCATION + "/" + file)))
                .sorted(Comparator.comparing(Script::migration, BY_VERSION))
                .toList();
        if (scripts.isEmpty()) {
            throw new IllegalStateException("No migrations found under " + LOCATION + " (" + location + ")");
        }
        return new PackagedMigrations(scripts);
    }

    /** By version, as Flyway applies them. */
    List<Migration> migrations() {
        return scripts.stream().map(Script::migration).toList();
    }

    /** The scripts for Flyway, named as Quarkus's Flyway named them ({@code db/migration/V1__….sql} in the history). */
    ResourceProvider resourceProvider() {
        List<LoadableResource> resources = scripts.stream().map(script -> resource(script.file(), script.text())).toList();
        return new ResourceProvider() {
            @Override
            public LoadableResource getResource(String name) {
                return resources.stream().filter(r -> r.getRelativePath().equals(name) || r.getFilename().equals(name)).findFirst().orElse(null);
            }

            @Override
            public List<LoadableResource> getResources(String prefix, String[] suffixes) {
                return resources.stream().filter(r -> r.getFilename().startsWith(prefix)
                        && Arrays.stream(suffixes).anyMatch(r.getFilename()::endsWith)).toList();
            }
        };
    }

    private static LoadableResource resource(String file, String text) {
        String path = LOCATION + "/" + file;
        return new LoadableResource() {
            @Override
            public Reader read() {
                return new StringReader(text);
            }

            @Override
            public String getAbsolutePath() {
                return path;
            }

            @Override
            public String getAbsolutePathOnDisk() {
                return path;
            }

            @Override
            public String getFilename() {
                return file;
            }

            @Override
            public String getRelativePath() {
                return path;
            }
        };
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the packaged migration " + resource, e);
        }
    }

    /**
     * The file names directly in the location: a folder in tests and dev mode, a folder in the application jar when
     * packaged (a zip file system, as for any other URI a file system provider serves).
     */
    private static List<String> files(URL location) {
        try {
            URI uri = location.toURI();
            if ("file".equals(uri.getScheme())) {
                return names(Path.of(uri));
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return names(jar.provider().getPath(uri));
            } catch (FileSystemAlreadyExistsException e) {
                return names(FileSystems.getFileSystem(uri).provider().getPath(uri)); // someone else's: left open
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Could not list the migrations at " + location, e);
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString().replace("/", "")).toList();
        }
    }
}
