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
record ServiceSql(String name, String sql, String counted) {
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

    static ServiceSql of(Class<?> repository, String constant) {
        try {
            Field field = repository.getDeclaredField(constant);
            field.setAccessible(true);
            return new ServiceSql(repository.getSimpleName() + "." + constant, ((String) field.get(null)).strip(), null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no SQL constant " + constant + " in " + repository.getName(), e);
        }
    }

    /**
     * A statement the service composes from its constants (a lookup joined with daily rows: see SeriesDays), whose answer
     * items are its rows with a {@code day}: a lookup row without days is no item.
     */
    static ServiceSql composed(String sql, String name) {
        return new ServiceSql(name, sql.strip(), "day");
    }

    /** The statement with a tail the service appends, as GET /data's {@code " limit $4"}. */
    ServiceSql with(String tail) {
        return new ServiceSql(name + " + \"" + tail + "\"", sql + tail, counted);
    }

    /**
     * The statement with parameter {@code position} bound to SQL NULL, as the service binds a null (pgbench's -D cannot),
     * and the parameters after it moved down by one: the caller leaves that parameter out of its list.
     */
    ServiceSql withNull(int position) {
        String bound = PARAMETER.matcher(sql).replaceAll(m -> {
            int n = Integer.parseInt(m.group(1));
            return n == position ? "NULL" : "\\$" + (n > position ? n - 1 : n);
        });
        return new ServiceSql(name + " ($" + position + " NULL)", bound, counted);
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
        if (counted == null) {
            return column(parameters, 1).size();
        }
        return (int) column(parameters, counted).stream().filter(java.util.Objects::nonNull).count();
    }

    /** One column of the statement's answer for these parameters, as text. */
    List<String> column(List<String> parameters, int column) throws Exception {
        return column(parameters, rs -> rs.getString(column));
    }

    private List<String> column(List<String> parameters, String column) throws Exception {
        return column(parameters, rs -> rs.getString(column));
    }

    private interface Cell {
        String of(ResultSet rs) throws java.sql.SQLException;
    }

    private List<String> column(List<String> parameters, Cell cell) throws Exception {
        // PREPARE takes the $n form as it is (a parameter may appear twice), and untyped literals, as pgbench sends.
        try (Connection c = BenchSupport.connect(); Statement statement = c.createStatement()) {
            statement.execute("prepare bench_check as " + sql);
            String literals = parameters.stream().map(p -> "'" + p.replace("'", "''") + "'").collect(Collectors.joining(", "));
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("execute bench_check(" + literals + ")")) {
                while (rs.next()) {
                    values.add(cell.of(rs));
                }
            }
            return values;
        }
    }
}
