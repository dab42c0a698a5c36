package dev.engram.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void textAndAttributeValuesAreAlwaysEscaped() {
        String hostile = "<script>alert('x')</script>\" onmouseover=\"x&";
        String html = Html.of().el("p", hostile, "title", hostile).a("/ui/x?a=1&b=\"", hostile).toString();
        assertThat(html).doesNotContain("<script>").doesNotContain("\" onmouseover")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; onmouseover=&quot;x&amp;")
                .contains("href=\"/ui/x?a=1&amp;b=&quot;\"");
    }

    @Test
    void nullValuesLeaveAttributesOutAndEmptyOnesAreBare() {
        assertThat(Html.of().open("option", "value", "a", "selected", null).toString()).isEqualTo("<option value=\"a\">");
        assertThat(Html.of().open("option", "selected", "").toString()).isEqualTo("<option selected>");
        assertThat(Html.of().text(null).toString()).isEmpty();
    }

    @Test
    void tagAndAttributeNamesMustBePlainNames() {
        assertThatThrownBy(() -> Html.of().open("p onclick=x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Html.of().open("p", "on click", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Html.of().open("p", "title")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void highlightingMarksTheWordsAndEscapesEverythingElse() {
        List<String> words = Highlight.words("WAL <b>mode");
        assertThat(words).containsExactly("wal", "mode");
        String html = Highlight.snippet("Use <b>WAL</b> mode: readers never block.", words).toString();
        assertThat(html).isEqualTo("Use &lt;b&gt;<mark>WAL</mark>&lt;/b&gt; <mark>mode</mark>: readers never block.");
    }

    @Test
    void aLongTextIsCutAroundTheFirstMatch() {
        String text = "x".repeat(1000) + " needle " + "y".repeat(1000);
        String html = Highlight.snippet(text, List.of("needle")).toString();
        assertThat(html).startsWith("…").endsWith("…").contains("<mark>needle</mark>");
        assertThat(html.length()).isLessThan(300);
    }
}
