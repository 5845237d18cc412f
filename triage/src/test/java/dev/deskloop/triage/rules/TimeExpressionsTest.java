package dev.deskloop.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.deskloop.triage.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The ticket was opened on Wednesday 2026-03-18 at 15:30 UTC. */
class TimeExpressionsTest {

    private static final Instant CREATED = Instant.parse("2026-03-18T15:30:00Z");
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static TimeWindow window(String text) {
        return window(text, UTC);
    }

    private static TimeWindow window(String text, ZoneId zone) {
        return TimeExpressions.windowFor(text, CREATED, zone, Duration.ofHours(2));
    }

    private static TimeWindow between(String start, String end) {
        return new TimeWindow(Instant.parse(start), Instant.parse(end));
    }

    @Test
    void sinceAClockTimeRunsFromThatTimeToTheTicket() {
        assertThat(window("The board has been blank since 9am.")).isEqualTo(between("2026-03-18T09:00:00Z",
                "2026-03-18T15:30:00Z"));
    }

    @Test
    void anOnsetLaterTodayThanTheTicketFallsBackToTheDefaultWindow() {
        // "since 9pm today" written at 15:30: the customer counts in another zone; the text places no start.
        assertThat(window("Checkout fails since 9pm today.")).isEqualTo(between("2026-03-18T13:30:00Z",
                "2026-03-18T15:30:00Z"));
    }

    @Test
    void aBareClockTimeLaterThanTheTicketMeansYesterday() {
        assertThat(window("Checkout fails since 9pm.")).isEqualTo(between("2026-03-17T21:00:00Z",
                "2026-03-18T15:30:00Z"));
    }

    @Test
    void readsLocalTimesInTheWorkspaceZone() {
        // 9am in Paris is 08:00 UTC in March, before daylight saving time starts.
        assertThat(window("Nothing syncs since 9am", ZoneId.of("Europe/Paris")))
                .isEqualTo(between("2026-03-18T08:00:00Z", "2026-03-18T15:30:00Z"));
    }

    @Test
    void yesterdayAfternoonIsThatPeriod() {
        assertThat(window("It started yesterday afternoon.")).isEqualTo(between("2026-03-17T12:00:00Z",
                "2026-03-17T18:00:00Z"));
    }

    @Test
    void forTheLastHoursEndsAtTheTicket() {
        assertThat(window("Payments have been failing for the last 2 hours."))
                .isEqualTo(between("2026-03-18T13:30:00Z", "2026-03-18T15:30:00Z"));
    }

    @Test
    void aWeekdayAroundAClockTimeWithAnExplicitZoneIsAnHourEitherSide() {
        // Monday 2026-03-16, 14:00 CET = 13:00 UTC.
        assertThat(window("It went down on Monday around 14:00 CET and came back later."))
                .isEqualTo(between("2026-03-16T12:00:00Z", "2026-03-16T14:00:00Z"));
    }

    @Test
    void afterYourUpdateLastNightRunsFromLastEveningToTheTicket() {
        assertThat(window("Started showing after your update last night."))
                .isEqualTo(between("2026-03-17T18:00:00Z", "2026-03-18T15:30:00Z"));
    }

    @Test
    void withoutATimeExpressionTheDefaultBufferIsUsed() {
        assertThat(window("The PDF logo is stretched.")).isEqualTo(between("2026-03-18T13:30:00Z",
                "2026-03-18T15:30:00Z"));
        assertThat(TimeExpressions.find("The PDF logo is stretched.", CREATED, UTC)).isEmpty();
    }

    @Test
    void aClockTimeLaterThanTheTicketMeansTheDayBefore() {
        assertThat(window("Down since 11pm.")).isEqualTo(between("2026-03-17T23:00:00Z", "2026-03-18T15:30:00Z"));
    }

    @Test
    void sinceAWeekdayStartsAtItsMidnight() {
        assertThat(window("Reminders are missing since Tuesday.")).isEqualTo(between("2026-03-17T00:00:00Z",
                "2026-03-18T15:30:00Z"));
    }

    @Test
    void hoursAgoStartsAnHourBeforeThatPoint() {
        assertThat(window("This started about an hour ago.")).isEqualTo(between("2026-03-18T13:30:00Z",
                "2026-03-18T15:30:00Z"));
    }

    @Test
    void daysAgoIsThatDay() {
        assertThat(window("Started 2 days ago I think.")).isEqualTo(between("2026-03-16T00:00:00Z",
                "2026-03-17T00:00:00Z"));
    }

    @Test
    void sinceThisMorningStartsAtSix() {
        assertThat(window("Every card payment fails since this morning.")).isEqualTo(between("2026-03-18T06:00:00Z",
                "2026-03-18T15:30:00Z"));
    }

    @Test
    void aRangeOfClockTimesIsTakenAsIs() {
        assertThat(window("Jobs failed between 2pm and 4pm yesterday.")).isEqualTo(between("2026-03-17T14:00:00Z",
                "2026-03-17T16:00:00Z"));
    }

    @Test
    void anOnsetWinsOverAnEarlierMention() {
        assertThat(window("No-shows: 9 yesterday, 7 today. The reminder SMS is missing since Monday."))
                .isEqualTo(between("2026-03-16T00:00:00Z", "2026-03-18T15:30:00Z"));
    }

    @Test
    void theNthDayOfTheMonth() {
        assertThat(window("Since the update on the 10th, long notes are cut off."))
                .isEqualTo(between("2026-03-10T00:00:00Z", "2026-03-18T15:30:00Z"));
    }

    @Test
    void wordClockTimesAndParenthesisedZones() {
        assertThat(window("Went down at about quarter past twelve (UTC), nothing works since."))
                .isEqualTo(between("2026-03-18T11:15:00Z", "2026-03-18T13:15:00Z"));
    }

    @Test
    void timesMentionedAsDataAreNotProblemTimes() {
        assertThat(TimeExpressions.find("A job on March 9 at 9:00 PM appears on March 10 in month view.",
                CREATED, UTC)).isEmpty();
        assertThat(TimeExpressions.find("Log in with Remember me for 30 days ticked.", CREATED, UTC)).isEmpty();
    }

    @Test
    void readsSimpleGermanAndSpanishOnsets() {
        assertThat(window("Seit 8 Uhr ist alles down.")).isEqualTo(between("2026-03-18T08:00:00Z",
                "2026-03-18T15:30:00Z"));
        assertThat(window("Desde hace 3 horas nadie puede entrar.")).isEqualTo(between("2026-03-18T12:30:00Z",
                "2026-03-18T15:30:00Z"));
    }

    @Test
    void neverFailsOnOddInput() {
        assertThatCode(() -> TimeExpressions.find("at 99:99 on the 45th since 25pm " + "9".repeat(5000), CREATED, UTC))
                .doesNotThrowAnyException();
        assertThat(TimeExpressions.find("", CREATED, UTC)).isEmpty();
    }
}
