package io.joule.bench;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * A statement exactly as the service runs it, read from its repository's {@code private static final String}, so a
 * baseline cannot drift from the SQL it stands for. Parameters are given as text, as pgbench binds them, and the
 * server infers their types from the statement, as it does for the service's prepared statements.
 */
record ServiceSql(String name, String sql) {
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

    static ServiceSql of(Class<?> repository, String constant) {
        try {
            Field field = repository.getDeclaredField(constant);
            field.setAccessible(true);
            return new ServiceSql(repository.getSimpleName() + "." + constant, ((String) field.get(null)).strip());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no SQL constant " + constant + " in " + repository.getName(), e);
        }
    }

    /** The statement with a tail the service appends, as GET /data's {@code " limit $4"}. */
    ServiceSql with(String tail) {
        return new ServiceSql(name + " + \"" + tail + "\"", sql + tail);
    }

    /** The pgbench script: $1.. become :p1.., bound with {@code -D p1=...}. */
    String pgbenchScript() {
        return PARAMETER.matcher(sql).replaceAll(":p$1") + ";\n";
    }

    static String variable(int position) {
        return "p" + position;
    }

    /** How many rows the statement answers for these parameters: a baseline that reads nothing measures nothing. */
    int rows(List<String> parameters) throws Exception {
        return column(parameters, 1).size();
    }

    /** One column of the statement's answer for these parameters, as text. */
    List<String> column(List<String> parameters, int column) throws Exception {
        // PREPARE takes the $n form as it is (a parameter may appear twice), and untyped literals, as pgbench sends.
        try (Connection c = BenchSupport.connect(); Statement statement = c.createStatement()) {
            statement.execute("prepare bench_check as " + sql);
            String literals = parameters.stream().map(p -> "'" + p.replace("'", "''") + "'").collect(Collectors.joining(", "));
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("execute bench_check(" + literals + ")")) {
                while (rs.next()) {
                    values.add(rs.getString(column));
                }
            }
            return values;
        }
    }
}
