package io.joule.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** pgbench -M prepared of one service statement against the test database, its parameters bound with -D. */
final class Pgbench {
    private Pgbench() {
    }

    /** Transactions (one statement each) per second, {@code connections} clients on two threads, as wrk's -t2. */
    static double tps(ServiceSql sql, List<String> parameters, int connections, int seconds) throws IOException, InterruptedException {
        Path script = BenchSupport.tempFile("joule-pgbench", ".sql");
        Files.writeString(script, sql.pgbenchScript());
        URI db = URI.create(BenchSupport.jdbcUrl().substring("jdbc:".length()));
        List<String> cmd = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(connections), "-j", "2",
                "-T", Integer.toString(seconds), "-h", db.getHost(), "-p", Integer.toString(db.getPort() < 0 ? 5432 : db.getPort()),
                "-U", BenchSupport.user(), "-f", script.toString()));
        for (int i = 0; i < parameters.size(); i++) {
            cmd.add("-D");
            cmd.add(ServiceSql.variable(i + 1) + "=" + parameters.get(i));
        }
        cmd.add(db.getPath().substring(1));
        String out = BenchSupport.run(cmd);
        if (!out.contains("number of failed transactions: 0")) {
            throw new IllegalStateException("pgbench had failed transactions:\n" + out);
        }
        return BenchSupport.number(out, "tps = ([0-9.]+)");
    }
}
