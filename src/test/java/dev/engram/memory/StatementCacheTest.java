package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class StatementCacheTest {
    @Test
    void aStatementClosedByItsUserStaysPreparedForTheNextUseWithItsParametersCleared() throws Exception {
        try (Connection c = StatementCache.wrap(DriverManager.getConnection("jdbc:sqlite::memory:"), 4)) {
            PreparedStatement first = c.prepareStatement("SELECT ?");
            first.setInt(1, 7);
            try (ResultSet rs = first.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
            first.close();
            assertThat(first.isClosed()).isFalse();

            PreparedStatement again = c.prepareStatement("SELECT ?");
            try (ResultSet rs = again.executeQuery()) {
                rs.next();
                assertThat(rs.getObject(1)).as("parameters were cleared").isNull();
            }
        }
    }

    @Test
    void closingTheConnectionClosesEveryCachedStatementAndTheLeastRecentlyUsedGoBeyondCapacity() throws Exception {
        Connection c = StatementCache.wrap(DriverManager.getConnection("jdbc:sqlite::memory:"), 2);
        PreparedStatement one = c.prepareStatement("SELECT 1");
        PreparedStatement two = c.prepareStatement("SELECT 2");
        PreparedStatement three = c.prepareStatement("SELECT 3");
        assertThat(one.isClosed()).as("evicted beyond capacity").isTrue();
        assertThat(two.isClosed()).isFalse();

        c.close();

        assertThat(c.isClosed()).isTrue();
        assertThat(two.isClosed()).isTrue();
        assertThat(three.isClosed()).isTrue();
    }
}
