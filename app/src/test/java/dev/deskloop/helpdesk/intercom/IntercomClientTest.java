package dev.deskloop.helpdesk.intercom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.deskloop.helpdesk.HelpdeskApiException;
import dev.deskloop.helpdesk.HelpdeskAttachment;
import dev.deskloop.helpdesk.HelpdeskMessage;
import dev.deskloop.helpdesk.HelpdeskTicket;
import dev.deskloop.helpdesk.http.CannedProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading an Intercom conversation whose first message and parts carry attachment metadata. */
class IntercomClientTest {

    private final CannedProvider intercom = new CannedProvider();
    private final IntercomClient client = new IntercomClient(new IntercomSettings("id", "secret", intercom.baseUrl(),
            null, null, null), intercom.http());

    @AfterEach
    void stop() {
        intercom.close();
    }

    @Test
    void attachmentsOfTheFirstMessageAndOfPartsAreRead() {
        answer("""
                {"type":"upload","name":"chart.png","url":"https://downloads.intercomcdn.com/i/o/1/chart.png",
                 "content_type":"image/png","filesize":4096,"width":10,"height":10}""", """
                {"type":"conversation_part","id":"p1","part_type":"comment","body":null,"created_at":1773478800,
                 "author":{"type":"user","id":"u1"},"app_package_code":null,
                 "attachments":[{"type":"upload","name":"only-file.pdf","url":"HTTPS://files.example.com/only-file.pdf",
                   "content_type":"application/pdf","filesize":77}]},
                {"type":"conversation_part","id":"p2","part_type":"comment","body":"","author":{"type":"user","id":"u1"},
                 "attachments":[]},
                {"type":"conversation_part","id":"p3","part_type":"assignment","body":"","author":{"type":"admin","id":"a1"},
                 "attachments":[{"name":"x.txt","url":"https://files.example.com/x.txt"}]}""");

        HelpdeskTicket ticket = client.fetch("sim0app1", "token", "55");

        assertThat(ticket.messages()).extracting(HelpdeskMessage::id).containsExactly("s1", "p1");
        assertThat(ticket.messages().get(0).attachments()).containsExactly(new HelpdeskAttachment("chart.png", "image/png",
                4096L, "https://downloads.intercomcdn.com/i/o/1/chart.png"));
        assertThat(ticket.messages().get(1).body()).isEmpty();
        assertThat(ticket.messages().get(1).attachments()).containsExactly(new HelpdeskAttachment("only-file.pdf",
                "application/pdf", 77L, "HTTPS://files.example.com/only-file.pdf"));
    }

    @Test
    void hostileAttachmentValuesAreDroppedOrMadeHarmless() {
        answer("""
                {"name":"data.html","url":"data:text/html,<script>alert(1)</script>","filesize":1.5},
                {"name":"\\u202Egnp.exe","url":"javascript:alert(1)","content_type":42,"filesize":-3},
                {"name":"%s","url":"https://files.example.com/long","filesize":1e30},
                {"url":"vbscript:msgbox"},
                {"name":null,"url":"https://files.example.com/unnamed","filesize":"12"},
                [], "x", null""".formatted("n".repeat(5000)), """
                {"type":"conversation_part","id":"p1","part_type":"note","body":"<p>many</p>","author":{"type":"admin","id":"a1"},
                 "attachments":[%s]},
                {"type":"conversation_part","id":"p2","part_type":"comment","body":"<p>odd</p>","author":{"type":"user","id":"u1"},
                 "attachments":"https://files.example.com/not-a-list"}""".formatted(IntStream.range(0, 500)
                .mapToObj(i -> "{\"name\":\"f" + i + "\",\"url\":\"https://files.example.com/" + i + "\"}")
                .collect(Collectors.joining(","))));

        HelpdeskTicket ticket = client.fetch("sim0app1", "token", "55");

        var first = ticket.messages().get(0).attachments();
        assertThat(first).extracting(HelpdeskAttachment::name)
                .containsExactly("data.html", "gnp.exe", "n".repeat(HelpdeskAttachment.MAX_NAME - 1) + "…", "attachment");
        assertThat(first).extracting(HelpdeskAttachment::url)
                .containsExactly(null, null, "https://files.example.com/long", "https://files.example.com/unnamed");
        assertThat(first).extracting(HelpdeskAttachment::size).containsOnlyNulls();
        assertThat(first).extracting(HelpdeskAttachment::contentType).containsOnlyNulls();
        assertThat(ticket.messages().get(1).attachments()).hasSize(HelpdeskAttachment.MAX_PER_MESSAGE);
        assertThat(ticket.messages().get(2).attachments()).isEmpty();
    }

    @Test
    void anEmptyAnswerIsAFailureWorthRetryingNotARefusal() {
        intercom.answer("/conversations/55", "");

        assertThatThrownBy(() -> client.fetch("sim0app1", "token", "55"))
                .isInstanceOf(HelpdeskApiException.Unavailable.class)
                .hasMessageContaining("empty body")
                .hasMessageNotContaining("token");
    }

    private void answer(String sourceAttachments, String parts) {
        intercom.answer("/conversations/55", """
                {"type":"conversation","id":"55","title":"Chart broken","created_at":1773478800,"updated_at":1773478800,
                 "state":"open","source":{"type":"conversation","id":"s1","body":"<p>See attached</p>",
                   "author":{"type":"user","id":"u1"},"attachments":[%s]},
                 "contacts":{"type":"contact.list","contacts":[]},
                 "conversation_parts":{"type":"conversation_part.list","conversation_parts":[%s]}}"""
                .formatted(sourceAttachments, parts));
    }
}
