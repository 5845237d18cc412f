package dev.deskloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskloop.platform.InvalidInput;
import org.junit.jupiter.api.Test;

class ReplyTemplateTest {

    @Test
    void rendersTheDefaultTemplateWithTheRequestersName() {
        assertThat(ReplyTemplate.render(ReplyTemplate.DEFAULT, "Robin", "42", "high"))
                .isEqualTo("<p>Hi Robin, Thanks for reporting this. Our team is investigating and will follow up shortly.</p>");
    }

    @Test
    void escapesValuesAndTheTemplateItself() {
        String html = ReplyTemplate.render("<script>x</script> {{requesterName}} #{{ticketId}} {{ severity }}",
                "<img src=x onerror=alert(1)> & \"Co\"", "7", "critical");

        assertThat(html).isEqualTo("<p>&lt;script&gt;x&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &amp; "
                + "&quot;Co&quot; #7 critical</p>");
    }

    @Test
    void valuesAreNotExpandedAgain() {
        assertThat(ReplyTemplate.render("Hi {{requesterName}}", "{{ticketId}}", "7", null))
                .isEqualTo("<p>Hi {{ticketId}}</p>");
    }

    @Test
    void blankLinesMakeParagraphsAndLineBreaksStay() {
        assertThat(ReplyTemplate.render("Hi {{requesterName}},\nthanks.\n\nThe team", null, "1", null))
                .isEqualTo("<p>Hi there,<br>thanks.</p><p>The team</p>");
    }

    @Test
    void refusesAnUnknownVariableNamingItsPosition() {
        String template = "Hi {{requesterName}}, your ticket {{foo}} is open";

        assertThatThrownBy(() -> ReplyTemplate.check(template))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("public_reply_template");
                    assertThat(e.problem()).startsWith("unknown variable {{foo}} at character " + (template.indexOf("{{foo") + 1));
                });
    }

    @Test
    void refusesAnUnclosedVariableAndAnEmptyTemplate() {
        assertThatThrownBy(() -> ReplyTemplate.check("Hi {{requesterName")).hasMessageContaining("unclosed {{ at character 4");
        assertThatThrownBy(() -> ReplyTemplate.check("  ")).hasMessageContaining("must not be empty");
    }
}
