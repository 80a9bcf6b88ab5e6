package io.joule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the start takes from the JDBC URL to create a missing database, and the command it tells an operator to run. */
class DatabaseLocationTest {

    static DatabaseLocation parse(String url) {
        return DatabaseLocation.parse(url).orElseThrow();
    }

    @Test
    void theReadmeUrlNamesServerAndDatabase() {
        DatabaseLocation joule = parse("jdbc:postgresql://localhost:5432/joule");
        assertEquals("joule", joule.database());
        assertEquals("localhost:5432", joule.server());
        assertEquals("\"joule\"", joule.quotedName());
        assertEquals("jdbc:postgresql://localhost:5432/postgres", joule.urlOf("postgres"));
        assertEquals("createdb -h localhost -p 5432 -U postgres -O app joule", joule.createdbCommand("postgres", "app"));
        assertEquals("createdb -h localhost -p 5432 -U postgres joule", joule.createdbCommand("postgres", "postgres"));
    }

    @Test
    void theMaintenanceConnectionKeepsTheParameters() {
        assertEquals("jdbc:postgresql://db.example:6432/postgres?sslmode=require&connectTimeout=3",
                parse("jdbc:postgresql://db.example:6432/joule?sslmode=require&connectTimeout=3").urlOf("postgres"));
    }

    @Test
    void caseAndOddCharactersSurviveAsAQuotedIdentifierAndAShellWord() {
        DatabaseLocation odd = parse("jdbc:postgresql://localhost/Joule%20%22it%27s%22");
        assertEquals("Joule \"it's\"", odd.database());
        assertEquals("\"Joule \"\"it's\"\"\"", odd.quotedName());
        assertEquals("createdb -h localhost -U postgres -O app 'Joule \"it'\\''s\"'", odd.createdbCommand("postgres", "app"));
        assertEquals("jdbc:postgresql://localhost/Joule%20%22it%27s%22", odd.urlOf(odd.database()));
        assertEquals("\"Joule-IT_x\"", parse("jdbc:postgresql://localhost:5432/Joule-IT_x").quotedName());
    }

    @Test
    void theFirstOfSeveralHostsAndIpv6AddressesAreWhatCreatedbTakes() {
        DatabaseLocation two = parse("jdbc:postgresql://primary:5432,standby:5433/joule?targetServerType=primary");
        assertEquals("primary", two.host());
        assertEquals(Optional.of("5432"), two.port());
        assertEquals("jdbc:postgresql://primary:5432,standby:5433/postgres?targetServerType=primary", two.urlOf("postgres"));
        DatabaseLocation v6 = parse("jdbc:postgresql://[::1]:5433/joule");
        assertEquals("::1", v6.host());
        assertEquals("[::1]:5433", v6.server());
        assertEquals("createdb -h ::1 -p 5433 -U app joule", v6.createdbCommand("app", "app"));
        assertEquals(Optional.empty(), parse("jdbc:postgresql://[::1]/joule").port());
        assertEquals("localhost", parse("jdbc:postgresql:///joule").host());
    }

    @Test
    void urlsWithoutADatabaseAreLeftToFlyway() {
        assertEquals(Optional.empty(), DatabaseLocation.parse("jdbc:postgresql://localhost:5432/"));
        assertEquals(Optional.empty(), DatabaseLocation.parse("jdbc:postgresql://localhost:5432"));
        assertEquals(Optional.empty(), DatabaseLocation.parse("jdbc:postgresql:joule"));
        assertEquals(Optional.empty(), DatabaseLocation.parse("jdbc:mysql://localhost/joule"));
    }
}
