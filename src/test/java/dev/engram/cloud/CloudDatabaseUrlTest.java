package dev.engram.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CloudDatabaseUrlTest {
    @Test
    void aPlainPathIsAnSqliteFile() {
        assertThat(CloudDatabaseUrl.parse("--db", "./engram-cloud.db")).isEqualTo(new CloudDatabaseUrl.SqliteFile(Path.of("./engram-cloud.db")));
        assertThat(CloudDatabaseUrl.parse("--db", "jdbc:sqlite:/tmp/x.db")).isEqualTo(new CloudDatabaseUrl.SqliteFile(Path.of("/tmp/x.db")));
    }

    @Test
    void aPostgresqlUrlBecomesJdbcWithItsCredentialsApart() {
        CloudDatabaseUrl url = CloudDatabaseUrl.parse("--db", "postgresql://engram:p%40ss@db.example:5433/engram?sslmode=require");
        assertThat(url).isEqualTo(new CloudDatabaseUrl.Postgres("jdbc:postgresql://db.example:5433/engram?sslmode=require", "engram", "p@ss"));
        assertThat(url.display()).doesNotContain("p@ss").contains("db.example");
        assertThat(url.toString()).doesNotContain("p@ss");
        assertThat(CloudDatabaseUrl.parse("--db", "postgres://h/db")).isEqualTo(new CloudDatabaseUrl.Postgres("jdbc:postgresql://h/db", null, null));
    }

    @Test
    void aJdbcPostgresqlUrlIsKeptAsIsAndItsPasswordHiddenFromDisplay() {
        CloudDatabaseUrl url = CloudDatabaseUrl.parse("--db", "jdbc:postgresql://h:5432/db?user=u&password=secret");
        assertThat(((CloudDatabaseUrl.Postgres) url).jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=secret");
        assertThat(url.display()).doesNotContain("secret");
    }

    @Test
    void otherSchemesAndBlanksAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> CloudDatabaseUrl.parse("--db", "mysql://h/db")).isInstanceOf(InvalidInputException.class).hasMessageContaining("--db");
        assertThatThrownBy(() -> CloudDatabaseUrl.parse("--db", " ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> CloudDatabaseUrl.parse("--db", "postgresql:///db")).isInstanceOf(InvalidInputException.class).hasMessageContaining("host");
    }
}
