package dev.engram.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import org.junit.jupiter.api.Test;

class TopicKeysTest {
    @Test
    void keyIsTypeSlashSlugOfTitle() {
        assertThat(TopicKeys.suggest("decision", "Use SQLite WAL mode!", null)).isEqualTo("decision/use-sqlite-wal-mode");
        assertThat(TopicKeys.suggest("Bug Fix", "Crash über  null_pointer", "x")).isEqualTo("bug-fix/crash-uber-null-pointer");
    }

    @Test
    void sameTitleAlwaysGivesTheSameKey() {
        assertThat(TopicKeys.suggest("pattern", "Retry with backoff", null))
                .isEqualTo(TopicKeys.suggest("pattern", "  retry WITH backoff ", "other"));
    }

    @Test
    void fallsBackToContentAndToTopicType() {
        assertThat(TopicKeys.suggest(null, " ", "Cache the token per host")).isEqualTo("topic/cache-the-token-per-host");
    }

    @Test
    void slugIsBoundedInWordsAndLength() {
        String key = TopicKeys.suggest("d", "one two three four five six seven eight nine ten", null);
        assertThat(key).isEqualTo("d/one-two-three-four-five-six-seven-eight");
        assertThat(TopicKeys.slug("x".repeat(200))).isEmpty();
        assertThat(TopicKeys.slug("short " + "y".repeat(100))).isEqualTo("short");
    }

    @Test
    void nothingToBuildFromIsAnErrorNamingTitle() {
        assertThatThrownBy(() -> TopicKeys.suggest("d", null, null))
                .isInstanceOf(InvalidInputException.class).extracting(e -> ((InvalidInputException) e).field()).isEqualTo("title");
        assertThatThrownBy(() -> TopicKeys.suggest("d", "!!!", null)).isInstanceOf(InvalidInputException.class);
    }
}
