package dev.engram.cloud;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on one JDBC connection. */
@FunctionalInterface
interface SqlCall<T> {
    T run(Connection c) throws SQLException;
}
