package io.joule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.config.PackagedMigrations.Migration;
import io.joule.testing.Sql;
import io.joule.testing.TestServer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The start's decision whether Flyway must run, against databases on the real server: the tests' database (which
 * Flyway migrated when the service started on it) is up to date; a new database, and copies of that history with a
 * migration missing, edited or failed, are not, and a new database gets migrated.
 */
@QuarkusTest
class DatabaseMigrationTest {
    static final TestServer SERVER = TestServer.fromEnvironment();

    @Inject
    DatabaseConfig config;

    private final List<Migration> packaged = PackagedMigrations.load(getClass().getClassLoader()).migrations();
    private String scratch;

    @BeforeEach
    void createScratchDatabase() throws SQLException {
        scratch = "joule_test_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        SERVER.execute("create database " + scratch);
    }

    @AfterEach
    void dropScratchDatabase() throws SQLException {
        SERVER.dropDatabase(scratch);
    }

    @Test
    void thePackagedMigrationsAreTheFilesInMigrations() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("migrations"))) {
            List<String> versions = files.map(f -> f.getFileName().toString()).filter(f -> f.matches("V\\d+__.*\\.sql"))
                    .map(f -> f.substring(1, f.indexOf("__"))).sorted((a, b) -> Integer.parseInt(a) - Integer.parseInt(b)).toList();
            assertEquals(versions, packaged.stream().map(Migration::version).toList());
        }
    }

    @Test
    void theMigratedTestDatabaseIsUpToDate() throws SQLException {
        try (Connection db = Sql.connect()) {
            assertEquals(Optional.of(last().version()), DatabaseMigration.appliedVersion(db, packaged));
        }
    }

    @Test
    void anExactCopyOfItsHistoryIsUpToDate() throws SQLException {
        assertEquals(Optional.of(last().version()), decisionWith(history()));
    }

    @Test
    void anEmptyDatabaseIsMigratedAndThenUpToDate() throws SQLException {
        assertEquals(Optional.empty(), decisionWith(null));
        startOn(scratch);
        try (Connection db = SERVER.connect(scratch)) {
            assertEquals(Optional.of(last().version()), DatabaseMigration.appliedVersion(db, packaged));
            assertTrue(tableExists(db, "slot_15m"));
        }
    }

    @Test
    void aMissingDatabaseIsCreatedAndMigrated() throws SQLException {
        SERVER.dropDatabase(scratch);
        startOn(scratch);
        try (Connection db = SERVER.connect(scratch)) {
            assertEquals(Optional.of(last().version()), DatabaseMigration.appliedVersion(db, packaged));
        }
    }

    @Test
    void aPendingMigrationIsMigrated() throws SQLException {
        List<HistoryRow> rows = history();
        rows.remove(rows.size() - 1);
        assertEquals(Optional.empty(), decisionWith(rows));
    }

    @Test
    void anEditedMigrationIsMigrated() throws SQLException {
        List<HistoryRow> rows = history();
        HistoryRow first = rows.get(0);
        rows.set(0, new HistoryRow(first.rank, first.version, first.description, first.checksum + 1, first.success));
        assertEquals(Optional.empty(), decisionWith(rows));
    }

    @Test
    void aFailedMigrationIsMigrated() throws SQLException {
        List<HistoryRow> rows = history();
        HistoryRow lastRow = rows.get(rows.size() - 1);
        rows.set(rows.size() - 1, new HistoryRow(lastRow.rank, lastRow.version, lastRow.description, lastRow.checksum, false));
        assertEquals(Optional.empty(), decisionWith(rows));
    }

    @Test
    void aMigrationFromANewerReleaseIsLeftToFlyway() throws SQLException {
        List<HistoryRow> rows = history();
        rows.add(new HistoryRow(rows.size() + 1, "9999", "from a newer release", 1, true));
        assertEquals(Optional.empty(), decisionWith(rows));
    }

    private Migration last() {
        return packaged.get(packaged.size() - 1);
    }

    private void startOn(String database) {
        new DatabaseMigration(config, Optional.of(SERVER.jdbcUrl(database)), Optional.of(SERVER.user()), Optional.of(SERVER.password()))
                .onStart(null);
    }

    private record HistoryRow(int rank, String version, String description, int checksum, boolean success) {
    }

    /** The history Flyway wrote into the tests' database when the service started on it. */
    private static List<HistoryRow> history() throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        try (Connection db = Sql.connect();
                ResultSet rs = db.createStatement().executeQuery(
                        "select installed_rank, version, description, checksum, success from flyway_schema_history order by installed_rank")) {
            while (rs.next()) {
                rows.add(new HistoryRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5)));
            }
        }
        return rows;
    }

    /** The decision on the scratch database holding these history rows (none: not even the table). */
    private Optional<String> decisionWith(List<HistoryRow> rows) throws SQLException {
        try (Connection db = SERVER.connect(scratch)) {
            if (rows != null) {
                db.createStatement().execute("""
                        create table flyway_schema_history (installed_rank int primary key, version varchar(50),
                          description varchar(200) not null, type varchar(20) not null, script varchar(1000) not null, checksum int,
                          installed_by varchar(100) not null, installed_on timestamp not null default now(),
                          execution_time int not null, success boolean not null)""");
                try (PreparedStatement insert = db.prepareStatement(
                        "insert into flyway_schema_history values (?, ?, ?, 'SQL', ?, ?, 'test', now(), 0, ?)")) {
                    for (HistoryRow row : rows) {
                        insert.setInt(1, row.rank);
                        insert.setString(2, row.version);
                        insert.setString(3, row.description);
                        insert.setString(4, "db/migration/V" + row.version + "__" + row.description.replace(' ', '_') + ".sql");
                        insert.setInt(5, row.checksum);
                        insert.setBoolean(6, row.success);
                        insert.executeUpdate();
                    }
                }
            }
            return DatabaseMigration.appliedVersion(db, packaged);
        }
    }

    private static boolean tableExists(Connection db, String table) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery("select to_regclass('" + table + "') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
