package dev.deskloop.helpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.deskloop.helpdesk.HelpdeskApiException;
import dev.deskloop.helpdesk.HelpdeskAttachment;
import dev.deskloop.helpdesk.HelpdeskTicket;
import dev.deskloop.helpdesk.http.CannedProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading a Zendesk ticket whose comments carry attachment metadata, plausible and hostile. */
class ZendeskClientTest {

    private final CannedProvider zendesk = new CannedProvider();
    private final ZendeskClient client = new ZendeskClient(new ZendeskSettings("id", "secret",
            zendesk.baseUrl() + "/{subdomain}", null, null, null), zendesk.http());

    @AfterEach
    void stop() {
        zendesk.close();
    }

    @Test
    void commentAttachmentsAreReadIntoNeutralRecords() {
        answer("""
                [{"id":1,"author_id":100,"body":"Export fails, log attached","public":true,"created_at":"2026-03-14T09:00:00Z",
                  "attachments":[{"id":11,"file_name":"crash.log","content_url":"https://acme.zendesk.com/attachments/token/a/?name=crash.log",
                    "mapped_content_url":"https://acme.zendesk.com/x","content_type":"text/plain","size":2532,"inline":false,
                    "deleted":false,"malware_scan_result":"malware_not_found","thumbnails":[]}]},
                 {"id":2,"author_id":200,"body":"Thanks","public":false,"attachments":[]},
                 {"id":3,"author_id":100,"body":"no list"}]""");

        HelpdeskTicket ticket = client.fetch("acme", "token", "7");

        assertThat(ticket.messages()).hasSize(3);
        assertThat(ticket.messages().get(0).attachments()).containsExactly(new HelpdeskAttachment("crash.log", "text/plain",
                2532L, "https://acme.zendesk.com/attachments/token/a/?name=crash.log"));
        assertThat(ticket.messages().get(1).attachments()).isEmpty();
        assertThat(ticket.messages().get(2).attachments()).isEmpty();
    }

    @Test
    void hostileAttachmentValuesAreDroppedOrMadeHarmless() {
        answer("""
                [{"id":1,"author_id":100,"body":"files","attachments":[
                   {"id":12,"file_name":"<img src=x onerror=alert(1)>.png","content_type":"IMAGE/PNG; charset=binary","size":-1,
                    "content_url":"javascript:alert(1)"},
                   {"id":13,"content_type":"text/html\\"><script>","size":99999999999999999999,"content_url":"https://cdn.example.com/x"},
                   {"id":14,"file_name":"deleted.txt","deleted":true,"content_url":"https://cdn.example.com/deleted"},
                   {"id":15,"file_name":"virus.exe","malware_scan_result":"malware_found","content_url":"https://cdn.example.com/v","size":"12"},
                   {"id":16,"file_name":{"nested":true},"content_url":"ftp://cdn.example.com/y"},
                   "not an object", null, 42,
                   {"id":17,"file_name":"user.txt","content_url":"https://user:pass@evil.example/x","size":1.5}]},
                 {"id":2,"author_id":100,"body":"many","attachments":[%s]},
                 {"id":3,"author_id":100,"body":"odd","attachments":{"file_name":"not-a-list","content_url":"https://x.example/"}}]"""
                .formatted(IntStream.range(0, 1000).mapToObj(i -> "{\"file_name\":\"f" + i + ".txt\"}")
                        .collect(Collectors.joining(","))));

        HelpdeskTicket ticket = client.fetch("acme", "token", "7");

        assertThat(ticket.messages().get(0).attachments()).containsExactly(
                new HelpdeskAttachment("<img src=x onerror=alert(1)>.png", "image/png", null, null),
                new HelpdeskAttachment("attachment", null, null, "https://cdn.example.com/x"),
                new HelpdeskAttachment("virus.exe", null, null, null),
                new HelpdeskAttachment("user.txt", null, null, null));
        List<HelpdeskAttachment> many = ticket.messages().get(1).attachments();
        assertThat(many).hasSize(HelpdeskAttachment.MAX_PER_MESSAGE);
        assertThat(many.getFirst().name()).isEqualTo("f0.txt");
        assertThat(ticket.messages().get(2).attachments()).isEmpty();
    }

    @Test
    void anEmptyAnswerIsAFailureWorthRetryingNotARefusal() {
        zendesk.answer("/acme/api/v2/tickets/7.json", "");

        assertThatThrownBy(() -> client.fetch("acme", "token", "7"))
                .isInstanceOf(HelpdeskApiException.Unavailable.class)
                .hasMessageContaining("empty body")
                .hasMessageNotContaining("token");
    }

    private void answer(String comments) {
        zendesk.answer("/acme/api/v2/tickets/7.json", """
                {"ticket":{"id":7,"subject":"Export","status":"new","requester_id":100,"tags":[]},
                 "users":[{"id":100,"name":"Ann","email":"ann@example.com","role":"end-user"}]}""");
        zendesk.answer("/acme/api/v2/tickets/7/comments.json", "{\"comments\":" + comments + ",\"meta\":{\"has_more\":false}}");
    }
}
