package dev.deskloop.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Attachment metadata from providers is untrusted: only plausible values survive. */
class HelpdeskAttachmentTest {

    @Test
    void keepsPlausibleValues() {
        HelpdeskAttachment a = new HelpdeskAttachment("crash.log", "text/plain", 2532L, "https://acme.zendesk.com/a?name=crash.log");

        assertThat(a).isEqualTo(new HelpdeskAttachment("crash.log", "text/plain", 2532L, "https://acme.zendesk.com/a?name=crash.log"));
        assertThat(a.url()).isEqualTo("https://acme.zendesk.com/a?name=crash.log");
    }

    @Test
    void onlyAbsoluteHttpUrlsWithAHostAreKept() {
        assertThat(HelpdeskAttachment.httpUrl("HTTP://files.example.com/x")).contains("HTTP://files.example.com/x");
        assertThat(HelpdeskAttachment.httpUrl("  https://files.example.com/x  ")).contains("https://files.example.com/x");
        for (String bad : new String[] {"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>", "ftp://x.example/y",
                "file:///etc/passwd", "//evil.example/x", "/relative/path", "https:///no-host", "https://user:pw@evil.example/",
                "https://files.example.com/a b", "https://files.example.com/a\nb", "https://x.example/" + "a".repeat(2000), "", "   "}) {
            assertThat(HelpdeskAttachment.httpUrl(bad)).as(bad).isEmpty();
        }
        assertThat(HelpdeskAttachment.httpUrl(null)).isEmpty();
    }

    @Test
    void absurdSizesAndMalformedContentTypesBecomeUnknown() {
        assertThat(new HelpdeskAttachment("a", null, -1L, null).size()).isNull();
        assertThat(new HelpdeskAttachment("a", null, HelpdeskAttachment.MAX_SIZE + 1, null).size()).isNull();
        assertThat(new HelpdeskAttachment("a", null, 0L, null).size()).isZero();
        assertThat(new HelpdeskAttachment("a", "IMAGE/PNG; charset=binary", null, null).contentType()).isEqualTo("image/png");
        assertThat(new HelpdeskAttachment("a", "text/html\"><script>", null, null).contentType()).isNull();
        assertThat(new HelpdeskAttachment("a", "png", null, null).contentType()).isNull();
        assertThat(new HelpdeskAttachment("a", "x/" + "y".repeat(200), null, null).contentType()).isNull();
    }

    @Test
    void namesLoseControlAndDirectionCharactersAndAreBounded() {
        assertThat(new HelpdeskAttachment("\u202Egnp.exe", null, null, null).name()).isEqualTo("gnp.exe");
        assertThat(new HelpdeskAttachment("a\u0000b\r\nc\u0085.txt", null, null, null).name()).isEqualTo("abc.txt");
        assertThat(new HelpdeskAttachment("  ", null, null, null).name()).isEqualTo("attachment");
        String longName = new HelpdeskAttachment("x".repeat(1000), null, null, null).name();
        assertThat(longName).hasSize(HelpdeskAttachment.MAX_NAME).endsWith("…");
        String emoji = new HelpdeskAttachment("x".repeat(253) + "\uD83D\uDE00" + "tail", null, null, null).name();
        assertThat(emoji).hasSizeLessThanOrEqualTo(HelpdeskAttachment.MAX_NAME).doesNotContain("\uD83D");
    }

    @Test
    void somethingWithNeitherNameNorUsableUrlIsDropped() {
        assertThat(HelpdeskAttachment.of(null, "text/plain", 3L, "javascript:alert(1)")).isEmpty();
        assertThat(HelpdeskAttachment.of(" ", null, null, null)).isEmpty();
        assertThat(HelpdeskAttachment.of(null, null, null, "https://files.example.com/x")).get()
                .extracting(HelpdeskAttachment::name).isEqualTo("attachment");
        assertThat(HelpdeskAttachment.of("x.pdf", null, null, "javascript:alert(1)")).get()
                .extracting(HelpdeskAttachment::url).isNull();
    }

    @Test
    void aMessageKeepsAtMostTheCap() {
        var many = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> new HelpdeskAttachment("f" + i, null, null, null)).toList();
        HelpdeskMessage message = new HelpdeskMessage("1", HelpdeskMessage.Author.CUSTOMER, "9", true, "b", null, false, many);

        assertThat(message.attachments()).hasSize(HelpdeskAttachment.MAX_PER_MESSAGE);
        assertThat(message.attachments().getFirst().name()).isEqualTo("f0");
        assertThat(new HelpdeskMessage("1", HelpdeskMessage.Author.CUSTOMER, "9", true, "b", null, false).attachments()).isEmpty();
    }
}
