package dev.engram.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import org.junit.jupiter.api.Test;

class ToolProfileTest {
    @Test
    void agentHasAllButDeleteAndStatsAdminOnlyThose() {
        assertThat(ToolProfile.AGENT.includes("mem_save")).isTrue();
        assertThat(ToolProfile.AGENT.includes("mem_delete")).isFalse();
        assertThat(ToolProfile.AGENT.includes("mem_stats")).isFalse();
        assertThat(ToolProfile.ADMIN.includes("mem_delete")).isTrue();
        assertThat(ToolProfile.ADMIN.includes("mem_save")).isFalse();
        assertThat(ToolProfile.ALL.includes("mem_delete")).isTrue();
    }

    @Test
    void parsesNamesAndRejectsOthersNamingTheOption() {
        assertThat(ToolProfile.parse("--tools", " Agent ")).isEqualTo(ToolProfile.AGENT);
        assertThat(ToolProfile.parse("--tools", null)).isEqualTo(ToolProfile.ALL);
        assertThatThrownBy(() -> ToolProfile.parse("--tools", "root"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--tools");
    }
}
