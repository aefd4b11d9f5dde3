package org.carechart.support;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC against the test run's database: fixtures and assertions a user could not make over HTTP. */
public final class Db {

    private Db() {
    }

    public static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /** A connection as the database owner (the Flyway credentials), for what the service's role may not do. */
    public static Connection ownerConnection() throws SQLException {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String user = config.getOptionalValue("quarkus.flyway.username", String.class)
                .orElse(config.getValue("quarkus.datasource.username", String.class));
        String password = config.getOptionalValue("quarkus.flyway.password", String.class)
                .orElse(config.getValue("quarkus.datasource.password", String.class));
        return java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class), user, password);
    }

    public static int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of a query, each column as text (null stays null). */
    public static java.util.List<java.util.List<String>> rows(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                java.util.List<java.util.List<String>> result = new java.util.ArrayList<>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    java.util.List<String> row = new java.util.ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rows.getString(i));
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
