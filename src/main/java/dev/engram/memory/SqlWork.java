package dev.engram.memory;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with the local database's connection, inside {@link SqliteMemoryStore#read} or {@link SqliteMemoryStore#write}. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
