package io.joule.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs the reactive client's SQL ({@code $1}, {@code $2}, … placeholders, each usable several times) on a JDBC
 * connection, so a statement that both paths need is written once. Arrays bind as PostgreSQL arrays.
 */
public final class Jdbc {
    private Jdbc() {
    }

    /** {@code sql} with its {@code $n} placeholders bound to {@code args[n - 1]}. */
    public static PreparedStatement prepare(Connection db, String sql, Object... args) throws SQLException {
        List<Integer> order = new ArrayList<>();
        String jdbcSql = positional(sql, order);
        PreparedStatement statement = db.prepareStatement(jdbcSql);
        try {
            for (int i = 0; i < order.size(); i++) {
                int n = order.get(i);
                if (n < 1 || n > args.length) {
                    throw new IllegalArgumentException("$" + n + " has no argument: " + args.length + " given");
                }
                bind(db, statement, i + 1, args[n - 1]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Executes an update or DDL statement; the affected row count. */
    public static int update(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, args)) {
            return statement.executeUpdate();
        }
    }

    /** Executes a statement that answers rows, ignoring them (pg_advisory_xact_lock, for one). */
    public static void execute(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, args)) {
            statement.execute();
        }
    }

    /** The SQL with each {@code $n} outside quotes replaced by {@code ?}; {@code order} gets the n of each, in order. */
    static String positional(String sql, List<Integer> order) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (!quoted && c == '$' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
                    end++;
                }
                order.add(Integer.parseInt(sql.substring(i + 1, end)));
                out.append('?');
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void bind(Connection db, PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Object[] array) {
            statement.setArray(index, array(db, array));
        } else {
            statement.setObject(index, value);
        }
    }

    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4, 10, SignStyle.NORMAL).appendPattern("-MM-dd").toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMPTZ = new DateTimeFormatterBuilder().append(DATE)
            .appendPattern("'T'HH:mm:ss.SSSSSSXXX").toFormatter(Locale.ROOT);

    private static Array array(Connection db, Object[] values) throws SQLException {
        Class<?> element = values.getClass().getComponentType();
        if (element == OffsetDateTime.class || element == LocalDate.class) {
            // pgjdbc writes an array's elements with toString(), which gives a year past 9999 a '+' PostgreSQL refuses
            // (a local day's end at the top of the supported range is 10000-01-01)
            boolean instant = element == OffsetDateTime.class;
            return db.createArrayOf(instant ? "timestamptz" : "date", Arrays.stream(values).map(v -> v == null ? null : instant
                    ? TIMESTAMPTZ.format(((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC)) : DATE.format((LocalDate) v))
                    .toArray(String[]::new));
        }
        String type;
        if (element == Long.class) {
            type = "int8";
        } else if (element == Double.class) {
            type = "float8";
        } else if (element == Integer.class) {
            type = "int4";
        } else if (element == String.class) {
            type = "text";
        } else {
            throw new IllegalArgumentException("no PostgreSQL array type for " + element.getName());
        }
        return db.createArrayOf(type, values);
    }
}
