package dev.deskloop.triage.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LlmAnswerTest {

    private static final String VALID = """
            {"category":"question","severity":null,"confidence":0.7,"repro_steps":[],"expected":null,"actual":null,
             "customer_impact":null,"customer_quote":"How do I export?","affected_service":null,"time_window":null}""";

    @Test
    void acceptsAnAnswerThatFollowsTheSchema() {
        assertThat(LlmAnswer.parse(VALID)).isInstanceOf(LlmAnswer.Valid.class);
        assertThat(LlmAnswer.parse("```json\n" + VALID + "\n```")).isInstanceOf(LlmAnswer.Valid.class);
    }

    @Test
    void rejectsAnswersThatBreakTheSchema() {
        assertThat(LlmAnswer.parse("")).isInstanceOf(LlmAnswer.Invalid.class);
        assertThat(LlmAnswer.parse("[1]")).isInstanceOf(LlmAnswer.Invalid.class);
        assertThat(LlmAnswer.parse(VALID.replace("0.7", "1.7"))).isInstanceOf(LlmAnswer.Invalid.class);
        assertThat(LlmAnswer.parse(VALID.replace("\"question\"", "\"chitchat\"")))
                .isInstanceOf(LlmAnswer.Invalid.class);
        assertThat(LlmAnswer.parse(VALID.replace("\"time_window\":null",
                "\"time_window\":{\"start\":\"2026-03-18T10:00:00Z\",\"end\":\"2026-03-18T09:00:00Z\"}")))
                .isInstanceOf(LlmAnswer.Invalid.class);
        assertThat(LlmAnswer.parse(VALID.replace("\"repro_steps\":[]", "\"repro_steps\":[1]")))
                .isInstanceOf(LlmAnswer.Invalid.class);
    }
}
