package dev.engram.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProjectNamesTest {
    @Test
    void normalizingTrimsLowerCasesAndCollapsesSeparatorRuns() {
        assertThat(ProjectNames.normalize("  My__Project--X_-y ")).isEqualTo("my_project-x_y");
    }

    @Test
    void onlyNonBlankNormalizedNamesAreNormalized() {
        assertThat(ProjectNames.isNormalized("engram")).isTrue();
        assertThat(ProjectNames.isNormalized("Engram")).isFalse();
        assertThat(ProjectNames.isNormalized(" engram")).isFalse();
        assertThat(ProjectNames.isNormalized("a--b")).isFalse();
        assertThat(ProjectNames.isNormalized("")).isFalse();
        assertThat(ProjectNames.isNormalized(null)).isFalse();
    }
}
