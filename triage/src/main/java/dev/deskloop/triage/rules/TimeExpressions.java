package dev.deskloop.triage.rules;

import dev.deskloop.triage.TimeWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads time expressions in ticket text ("since 9am", "yesterday afternoon", "for the last 2 hours", "on Monday
 * around 14:00 CET", "after your update last night") relative to the ticket's creation time, and turns them into
 * the window in which to look for the problem. Conventions:
 * <ul>
 *   <li>an onset ("since X", "started X", "after X", "for the last N hours") runs from X to the ticket time;</li>
 *   <li>a clock time with "at/around/about" and no onset is a point: one hour either side;</li>
 *   <li>a part of a day is a period: morning 06-12, afternoon 12-18, evening 18-22, night 18-06; a day is
 *       00-24; today runs to the ticket time;</li>
 *   <li>times without a zone are read in the workspace's zone; a time later than the ticket means the day
 *       before, a weekday means the latest one not after the ticket.</li>
 * </ul>
 * Onsets win over other mentions; among equals the first mention wins. Pure function of its inputs.
 */
public final class TimeExpressions {

    private static final Duration POINT_MARGIN = Duration.ofHours(1);
    private static final Map<String, ZoneId> ZONES = Map.ofEntries(
            Map.entry("utc", ZoneOffset.UTC), Map.entry("gmt", ZoneOffset.UTC), Map.entry("z", ZoneOffset.UTC),
            Map.entry("cet", ZoneOffset.ofHours(1)), Map.entry("cest", ZoneOffset.ofHours(2)),
            Map.entry("wet", ZoneOffset.UTC), Map.entry("west", ZoneOffset.ofHours(1)),
            Map.entry("eet", ZoneOffset.ofHours(2)), Map.entry("eest", ZoneOffset.ofHours(3)),
            Map.entry("bst", ZoneOffset.ofHours(1)), Map.entry("ist", ZoneOffset.ofHoursMinutes(5, 30)),
            Map.entry("est", ZoneOffset.ofHours(-5)), Map.entry("edt", ZoneOffset.ofHours(-4)),
            Map.entry("cst", ZoneOffset.ofHours(-6)), Map.entry("cdt", ZoneOffset.ofHours(-5)),
            Map.entry("mst", ZoneOffset.ofHours(-7)), Map.entry("mdt", ZoneOffset.ofHours(-6)),
            Map.entry("pst", ZoneOffset.ofHours(-8)), Map.entry("pdt", ZoneOffset.ofHours(-7)),
            Map.entry("et", ZoneId.of("America/New_York")), Map.entry("ct", ZoneId.of("America/Chicago")),
            Map.entry("mt", ZoneId.of("America/Denver")), Map.entry("pt", ZoneId.of("America/Los_Angeles")),
            Map.entry("jst", ZoneOffset.ofHours(9)), Map.entry("aest", ZoneOffset.ofHours(10)),
            Map.entry("aedt", ZoneOffset.ofHours(11)), Map.entry("sgt", ZoneOffset.ofHours(8)),
            Map.entry("nzst", ZoneOffset.ofHours(12)), Map.entry("nzdt", ZoneOffset.ofHours(13)));
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("fifteen", 15), Map.entry("twenty", 20), Map.entry("thirty", 30),
            Map.entry("forty", 40), Map.entry("fifty", 50), Map.entry("ninety", 90), Map.entry("few", 3),
            Map.entry("a few", 3), Map.entry("several", 3), Map.entry("couple", 2), Map.entry("a couple", 2),
            Map.entry("a couple of", 2), Map.entry("couple of", 2));
    private static final List<String> WEEKDAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday");
    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december");

    private static final String NUM = "(\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            + "fifteen|twenty|thirty|forty|fifty|ninety|(?:a\\s+)?few|several|(?:a\\s+)?couple(?:\\s+of)?)";
    private static final String UNIT = "(minutes?|mins?|hours?|hrs?|days?|weeks?)";
    private static final String ZONE = "(?:\\s*\\(?\\s*(?:our\\s+time\\s*\\(?\\s*)?(utc|gmt|cest|cet|west|wet|eest|eet|bst|ist|"
            + "est|edt|cst|cdt|mst|mdt|pst|pdt|et|ct|mt|pt|jst|aest|aedt|sgt|nzst|nzdt)\\b\\)?)?";
    private static final String WORD_HOUR = "(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";
    private static final String CLOCK = "(?:(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)\\b|(\\d{1,2}):(\\d{2})\\b(?!\\s*(?:%|/))"
            + "|(noon|midday|midnight)|(quarter\\s+past|half\\s+past|quarter\\s+to)\\s+" + WORD_HOUR + "\\b"
            + "|(\\d{1,2})\\s*o'?clock\\b|(\\d{1,2})(?=\\s+(?:this|in\\s+the)\\s+(?:morning|afternoon|evening)))";
    private static final String DAY = "(today|tonight|this\\s+(?:morning|afternoon|evening)|earlier\\s+today|"
            + "last\\s+night|over\\s*night|yesterday(?:'s)?(?:\\s+(?:morning|afternoon|evening|night))?|"
            + "(?:last\\s+|this\\s+|past\\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
            + "(?:\\s+(?:morning|afternoon|evening|night))?|(?:the|this|last)\\s+weekend|last\\s+week|this\\s+week|"
            + "(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)(?:\\s+of\\s+[a-z]+)?|"
            + "(?:january|february|march|april|may|june|july|august|september|october|november|december)\\s+"
            + "\\d{1,2}(?:st|nd|rd|th)?\\b|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:january|february|march|april|may|"
            + "june|july|august|september|october|november|december)\\b|\\d{4}-\\d{2}-\\d{2})";

    private static final Pattern DURATION = Pattern.compile(
            "\\b(?:for|in|over|during|within)\\s+(?:the\\s+)?(?:last|past|previous)\\s+(?:" + NUM + "\\s+)?"
                    + "(?:or\\s+so\\s+)?" + UNIT + "\\b|\\b(?:been(?:\\s+\\w+){0,3}\\s+for|(?:down|broken|failing|stuck|offline|"
                    + "unavailable|not\\s+working)\\s+for)\\s+(?:about\\s+|around\\s+|almost\\s+|over\\s+)?"
                    + NUM + "\\s+" + UNIT + "\\b|\\b(?:desde\\s+hace|seit)\\s+(\\d{1,3})\\s+(horas?|stunden?|"
                    + "minutos?|minuten?)\\b");
    private static final Pattern HALF_HOUR = Pattern.compile("\\b(?:for|in)\\s+(?:the\\s+)?(?:last|past)\\s+"
            + "half\\s+(?:an\\s+)?hour\\b");
    private static final Pattern AGO = Pattern.compile("\\b(?:about\\s+|around\\s+|roughly\\s+|maybe\\s+)?" + NUM
            + "\\s+" + UNIT + "\\s+ago\\b");
    private static final Pattern RANGE = Pattern.compile("\\b(?:between|from)\\s+" + CLOCK + ZONE
            + "\\s*(?:and|to|until|till|-|–)\\s*" + CLOCK + ZONE);
    private static final Pattern CLOCK_TIME = Pattern.compile("\\b" + CLOCK + ZONE);
    private static final Pattern DAY_WORDS = Pattern.compile("\\b" + DAY + "\\b");
    private static final Pattern ONSET_BEFORE = Pattern.compile(
            "(?:\\bsince|\\bafter|\\bstart(?:ed|ing)|\\bbegan|\\bbeginning|\\bas\\s+of|\\bever\\s+since)\\b[^,;]{0,45}$");
    private static final Pattern SINCE_BEFORE = Pattern.compile(
            "(?:\\bsince|\\bafter|\\bas\\s+of|\\bfrom)\\s+(?:about\\s+|around\\s+|roughly\\s+|approx(?:imately)?\\s+|"
                    + "~\\s*)?(?:the\\s+)?$");
    private static final Pattern SINCE_WORD_BEFORE = Pattern.compile(
            "(?:\\bsince|\\bafter|\\bas\\s+of|\\bever\\s+since)\\b[^,;]{0,45}$");
    private static final Pattern FOREIGN_SINCE_CLOCK = Pattern.compile(
            "\\b(?:seit|desde\\s+las?|depuis)\\s+(\\d{1,2})(?:[:.h](\\d{2}))?\\s*(?:uhr|h\\b|horas?\\b)?");
    private static final Pattern POINT_BEFORE = Pattern.compile(
            "(?:\\bat|\\baround|\\babout|\\bapprox(?:imately)?|~|\\bby|\\bnear)\\s*$");
    private static final Pattern COUNT_BEFORE = Pattern.compile("\\d\\s*$");
    /** A sentence that dates an event, not one that mentions a time as data ("the job at 9:00 PM shows…"). */
    private static final Pattern EVENT = Pattern.compile("\\b(?:start(?:ed|ing)|began|begun|happen(?:ed|ing|s)|"
            + "occur(?:red|ring)|went\\s+down|go(?:es)?\\s+down|stopped|fail(?:ed|ing)|crash(?:ed|ing)|broke|noticed|got|"
            + "received|saw|tried|arrived|came\\s+in|hit|deployed|updated|released|pushed|errors?|outage|down|"
            + "imported|uploaded|sent|ran|lost|logged|tested|since|after|seit|desde)\\b");
    private static final Pattern ONSET_ONLY_DAYS = Pattern.compile("(?:last|this)\\s+week|yesterday's");
    private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?;])\\s+|\\n");
    private static final Pattern ORDINAL_DAY = Pattern.compile("(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)");
    private static final Pattern WORD_FOLLOWS = Pattern.compile("^\\s+[a-z].*");
    private static final Pattern LINKING_WORD_FOLLOWS = Pattern.compile("^\\s+(?:of|at|around|in|and|or|when|because)\\b.*");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern DAY_NUMBER = Pattern.compile("(\\d{1,2})");
    private static final Pattern ORDINAL = Pattern.compile("(the )?\\d{1,2}(st|nd|rd|th)");
    private static final Pattern CHANGE_AFTER = Pattern.compile("^\\s+(?:update|release|deploy\\w*|change|version|"
            + "outage|maintenance|migration)");

    private TimeExpressions() {
    }

    private enum Kind { ONSET, OTHER }

    private record Mention(int position, Kind kind, TimeWindow window) {
    }

    /** The window named by the first usable time expression of {@code text}, if any. */
    public static Optional<TimeWindow> find(String text, Instant created, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT).replace("a.m.", "am").replace("p.m.", "pm")
                .replace('’', '\'');
        ZonedDateTime now = created.atZone(zone);
        List<Mention> mentions = new ArrayList<>();
        int offset = 0;
        for (String sentence : SENTENCE_BREAK.split(lower)) {
            collect(sentence, offset, now, mentions);
            offset += sentence.length() + 1;
        }
        return mentions.stream()
                .min(Comparator.comparing((Mention m) -> m.kind() == Kind.ONSET ? 0 : 1)
                        .thenComparingInt(Mention::position))
                .map(Mention::window);
    }

    /** The window of the text's time expression, or the buffer before the ticket when it has none. */
    public static TimeWindow windowFor(String text, Instant created, ZoneId zone, Duration buffer) {
        return find(text, created, zone).orElseGet(() -> TimeWindow.before(created, buffer));
    }

    private static void collect(String sentence, int offset, ZonedDateTime now, List<Mention> mentions) {
        boolean[] used = new boolean[sentence.length() + 1];
        Instant created = now.toInstant();

        Matcher range = RANGE.matcher(sentence);
        while (range.find()) {
            ZoneId zone = zoneOr(range.group(11), now.getZone());
            LocalDate day = dayNear(sentence, range.start(), range.end(), now.withZoneSameInstant(zone));
            LocalTime from = clock(range, 1, null);
            LocalTime to = clock(range, 12, null);
            ZoneId endZone = zoneOr(range.group(22), zone);
            if (from != null && to != null) {
                ZonedDateTime start = resolveClock(day, from, now.withZoneSameInstant(zone));
                ZonedDateTime end = start.toLocalDate().atTime(to).atZone(endZone);
                if (end.isBefore(start)) {
                    end = end.plusDays(1);
                }
                add(mentions, offset + range.start(), Kind.OTHER, start.toInstant(), end.toInstant());
                mark(used, range.start(), range.end());
            }
        }

        Matcher half = HALF_HOUR.matcher(sentence);
        while (half.find()) {
            add(mentions, offset + half.start(), Kind.ONSET, created.minus(Duration.ofMinutes(30)), created);
            mark(used, half.start(), half.end());
        }

        Matcher duration = DURATION.matcher(sentence);
        while (duration.find()) {
            if (isUsed(used, duration.start())) {
                continue;
            }
            Duration length;
            if (duration.group(5) != null) {
                length = unit(duration.group(6)).multipliedBy(Integer.parseInt(duration.group(5)));
            } else {
                String number = duration.group(1) != null ? duration.group(1) : duration.group(3);
                String unit = duration.group(2) != null ? duration.group(2) : duration.group(4);
                length = unit(unit).multipliedBy(number(number, 1));
            }
            add(mentions, offset + duration.start(), Kind.ONSET, created.minus(length), created);
            mark(used, duration.start(), duration.end());
        }

        Matcher ago = AGO.matcher(sentence);
        while (ago.find()) {
            if (isUsed(used, ago.start())) {
                continue;
            }
            Duration unit = unit(ago.group(2));
            int count = number(ago.group(1), 1);
            if (unit.compareTo(Duration.ofDays(1)) >= 0) {
                LocalDate day = now.toLocalDate().minusDays(unit.toDays() * count);
                ZonedDateTime start = day.atStartOfDay(now.getZone());
                add(mentions, offset + ago.start(), Kind.OTHER, start.toInstant(),
                        earliest(start.plusDays(1).toInstant(), created));
            } else {
                Instant point = created.minus(unit.multipliedBy(count));
                add(mentions, offset + ago.start(), Kind.ONSET, point.minus(POINT_MARGIN), created);
            }
            mark(used, ago.start(), ago.end());
        }

        Matcher foreign = FOREIGN_SINCE_CLOCK.matcher(sentence);
        while (foreign.find()) {
            int hour = Integer.parseInt(foreign.group(1));
            int minute = foreign.group(2) == null ? 0 : Integer.parseInt(foreign.group(2));
            if (hour <= 23 && minute <= 59 && !isUsed(used, foreign.start())) {
                ZonedDateTime at = resolveClock(null, LocalTime.of(hour, minute), now);
                add(mentions, offset + foreign.start(), Kind.ONSET, at.toInstant(), created);
                mark(used, foreign.start(), foreign.end());
            }
        }

        Matcher clock = CLOCK_TIME.matcher(sentence);
        while (clock.find()) {
            if (isUsed(used, clock.start()) || clock.group().isBlank()) {
                continue;
            }
            String before = sentence.substring(Math.max(0, clock.start() - 60), clock.start());
            ZoneId zone = zoneOr(clock.group(11), now.getZone());
            ZonedDateTime local = now.withZoneSameInstant(zone);
            DayMention day = dayMentionNear(sentence, clock.start(), clock.end(), local);
            LocalTime time = clock(clock, 1, day == null ? null : day.partStart());
            if (time == null) {
                continue;
            }
            ZonedDateTime at = resolveClock(day == null ? null : day.date(), time, local);
            if (day != null) {
                mark(used, day.start(), day.end());
            }
            mark(used, clock.start(), clock.end());
            boolean since = SINCE_BEFORE.matcher(before).find();
            boolean point = POINT_BEFORE.matcher(before).find();
            if (since || (!point && ONSET_BEFORE.matcher(before).find())) {
                // An onset after the ticket was written ("since 9am today" at 08:00 in the ticket's zone) means the
                // customer counts in another zone: the text does not place the start, so the default window applies.
                if (!at.toInstant().isAfter(created)) {
                    add(mentions, offset + clock.start(), Kind.ONSET, at.toInstant(), created);
                }
            } else if (point && EVENT.matcher(sentence).find()) {
                add(mentions, offset + clock.start(), Kind.OTHER, at.toInstant().minus(POINT_MARGIN),
                        at.toInstant().plus(POINT_MARGIN));
            }
        }

        Matcher dayWords = DAY_WORDS.matcher(sentence);
        while (dayWords.find()) {
            if (isUsed(used, dayWords.start())) {
                continue;
            }
            String before = sentence.substring(Math.max(0, dayWords.start() - 60), dayWords.start());
            if (COUNT_BEFORE.matcher(before).find() && !dayWords.group().startsWith("the")) {
                continue; // "9 yesterday, 7 today" counts things, it does not date them.
            }
            Period period = period(dayWords.group(1), now);
            if (period == null) {
                continue;
            }
            boolean wholeDays = Duration.between(period.start(), period.end()).toHours() >= 20;
            // "since/after X" always runs to the ticket; "started yesterday afternoon" names a period.
            boolean onset = SINCE_WORD_BEFORE.matcher(before).find()
                    || (wholeDays && ONSET_BEFORE.matcher(before).find());
            Instant start = period.start().toInstant();
            if (!start.isBefore(created)) {
                continue;
            }
            String after = sentence.substring(dayWords.end());
            if (ORDINAL_DAY.matcher(dayWords.group(1)).matches() && WORD_FOLLOWS.matcher(after).matches()
                    && !LINKING_WORD_FOLLOWS.matcher(after).matches()) {
                continue; // "after the 5th call" counts calls
            }
            if (!onset && ONSET_ONLY_DAYS.matcher(dayWords.group(1)).matches()
                    && !CHANGE_AFTER.matcher(after).lookingAt()) {
                continue; // "yesterday's schedule" or "this week" describe data, not when the problem started
            }
            if (!onset && !EVENT.matcher(sentence).find()) {
                continue;
            }
            if (onset) {
                add(mentions, offset + dayWords.start(), Kind.ONSET, start, created);
            } else {
                add(mentions, offset + dayWords.start(), Kind.OTHER, start,
                        earliest(period.end().toInstant(), created));
            }
            mark(used, dayWords.start(), dayWords.end());
        }
    }

    private record Period(ZonedDateTime start, ZonedDateTime end) {
    }

    private record DayMention(int start, int end, LocalDate date, LocalTime partStart) {
    }

    private static DayMention dayMentionNear(String sentence, int from, int to, ZonedDateTime now) {
        Matcher day = DAY_WORDS.matcher(sentence);
        DayMention best = null;
        while (day.find()) {
            boolean justBefore = day.end() <= from && from - day.end() <= 25;
            boolean justAfter = day.start() >= to && day.start() - to <= 12;
            if (!justBefore && !justAfter) {
                continue;
            }
            Period period = period(day.group(1), now);
            if (period != null) {
                LocalTime partStart = period.start().toLocalTime();
                best = new DayMention(day.start(), day.end(), period.start().toLocalDate(),
                        partStart.equals(LocalTime.MIDNIGHT) ? null : partStart);
                if (justAfter) {
                    break;
                }
            }
        }
        return best;
    }

    private static LocalDate dayNear(String sentence, int from, int to, ZonedDateTime now) {
        DayMention day = dayMentionNear(sentence, from, to, now);
        return day == null ? null : day.date();
    }

    /** The period a day expression names, or null when it cannot be placed before the ticket. */
    private static Period period(String expression, ZonedDateTime now) {
        String e = SPACES.matcher(expression).replaceAll(" ").strip();
        LocalDate today = now.toLocalDate();
        ZoneId zone = now.getZone();
        switch (e) {
            case "today", "earlier today" -> {
                return new Period(today.atStartOfDay(zone), now);
            }
            case "this morning" -> {
                return part(today, 6, 12, zone);
            }
            case "this afternoon" -> {
                return part(today, 12, 18, zone);
            }
            case "this evening", "tonight" -> {
                return part(today, 18, 22, zone);
            }
            case "last night", "overnight", "over night" -> {
                return new Period(today.minusDays(1).atTime(18, 0).atZone(zone), today.atTime(6, 0).atZone(zone));
            }
            case "last week" -> {
                return new Period(now.minusDays(7).truncatedTo(ChronoUnit.DAYS), now);
            }
            case "this week" -> {
                return new Period(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone),
                        now);
            }
            case "the weekend", "this weekend", "last weekend" -> {
                LocalDate saturday = today.minusDays(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.SATURDAY));
                return new Period(saturday.atStartOfDay(zone), saturday.plusDays(2).atStartOfDay(zone));
            }
            default -> {
                // handled below
            }
        }
        if (e.startsWith("yesterday")) {
            return withPart(today.minusDays(1), e.replaceFirst("^yesterday('s)?", "").strip(), zone);
        }
        for (int i = 0; i < WEEKDAYS.size(); i++) {
            String name = WEEKDAYS.get(i);
            int at = e.indexOf(name);
            if (at >= 0) {
                LocalDate date = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.of(i + 1)));
                if (e.startsWith("last") && date.equals(today)) {
                    date = date.minusWeeks(1);
                }
                return withPart(date, e.substring(at + name.length()).strip(), zone);
            }
        }
        LocalDate date = date(e, today);
        return date == null || date.isAfter(today) ? null : withPart(date, "", zone);
    }

    private static Period withPart(LocalDate date, String part, ZoneId zone) {
        return switch (part) {
            case "morning" -> part(date, 6, 12, zone);
            case "afternoon" -> part(date, 12, 18, zone);
            case "evening" -> part(date, 18, 22, zone);
            case "night" -> new Period(date.atTime(18, 0).atZone(zone), date.plusDays(1).atTime(6, 0).atZone(zone));
            default -> new Period(date.atStartOfDay(zone), date.plusDays(1).atStartOfDay(zone));
        };
    }

    private static Period part(LocalDate date, int fromHour, int toHour, ZoneId zone) {
        return new Period(date.atTime(fromHour, 0).atZone(zone), date.atTime(toHour, 0).atZone(zone));
    }

    private static LocalDate date(String e, LocalDate today) {
        Matcher iso = ISO_DATE.matcher(e);
        if (iso.matches()) {
            return safeDate(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                    Integer.parseInt(iso.group(3)));
        }
        Matcher number = DAY_NUMBER.matcher(e);
        if (!number.find()) {
            return null;
        }
        int dayOfMonth = Integer.parseInt(number.group(1));
        for (int m = 0; m < MONTHS.size(); m++) {
            if (e.contains(MONTHS.get(m))) {
                LocalDate date = safeDate(today.getYear(), m + 1, dayOfMonth);
                return date != null && date.isAfter(today) ? safeDate(today.getYear() - 1, m + 1, dayOfMonth) : date;
            }
        }
        if (ORDINAL.matcher(e).matches()) {
            LocalDate date = safeDate(today.getYear(), today.getMonthValue(), dayOfMonth);
            if (date != null && date.isAfter(today)) {
                LocalDate previous = today.minusMonths(1);
                date = safeDate(previous.getYear(), previous.getMonthValue(), dayOfMonth);
            }
            return date;
        }
        return null;
    }

    private static LocalDate safeDate(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The clock time of a {@link #CLOCK} match whose first group is {@code first}, or null. */
    private static LocalTime clock(Matcher m, int first, LocalTime partStart) {
        try {
            if (m.group(first) != null) {
                int hour = Integer.parseInt(m.group(first));
                int minute = m.group(first + 1) == null ? 0 : Integer.parseInt(m.group(first + 1));
                boolean pm = "pm".equals(m.group(first + 2));
                if (hour < 1 || hour > 12 || minute > 59) {
                    return null;
                }
                return LocalTime.of(hour % 12 + (pm ? 12 : 0), minute);
            }
            if (m.group(first + 3) != null) {
                int hour = Integer.parseInt(m.group(first + 3));
                int minute = Integer.parseInt(m.group(first + 4));
                return hour > 23 || minute > 59 ? null : withPartOfDay(hour, minute, partStart);
            }
            if (m.group(first + 5) != null) {
                return "midnight".equals(m.group(first + 5)) ? LocalTime.MIDNIGHT : LocalTime.NOON;
            }
            if (m.group(first + 6) != null) {
                int hour = NUMBERS.get(m.group(first + 7));
                String relation = SPACES.matcher(m.group(first + 6)).replaceAll(" ");
                int minute = relation.startsWith("quarter past") ? 15 : relation.startsWith("half") ? 30 : -15;
                LocalTime time = withPartOfDay(hour, 0, partStart);
                return time == null ? null : time.plusMinutes(minute);
            }
            String bare = m.group(first + 8) != null ? m.group(first + 8) : m.group(first + 9);
            if (bare != null) {
                int hour = Integer.parseInt(bare);
                return hour < 1 || hour > 23 ? null : withPartOfDay(hour, 0, partStart);
            }
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
        return null;
    }

    /** An hour without am/pm, read as afternoon when the text speaks of the afternoon or evening. */
    private static LocalTime withPartOfDay(int hour, int minute, LocalTime partStart) {
        if (hour > 23 || minute > 59) {
            return null;
        }
        if (hour < 12 && partStart != null && partStart.getHour() >= 12) {
            hour += 12;
        }
        return LocalTime.of(hour, minute);
    }

    /** The clock time on the given day, or on the latest day that puts it not after the ticket. */
    private static ZonedDateTime resolveClock(LocalDate day, LocalTime time, ZonedDateTime now) {
        if (day != null) {
            return day.atTime(time).atZone(now.getZone());
        }
        ZonedDateTime at = now.toLocalDate().atTime(time).atZone(now.getZone());
        return at.isAfter(now) ? at.minusDays(1) : at;
    }

    private static Duration unit(String unit) {
        if (unit.startsWith("min") || unit.startsWith("minut")) {
            return Duration.ofMinutes(1);
        }
        if (unit.startsWith("h") || unit.startsWith("stund")) {
            return Duration.ofHours(1);
        }
        if (unit.startsWith("d")) {
            return Duration.ofDays(1);
        }
        return Duration.ofDays(7);
    }

    private static int number(String text, int fallback) {
        if (text == null) {
            return fallback;
        }
        String key = SPACES.matcher(text).replaceAll(" ").strip();
        if (key.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(key);
        }
        return NUMBERS.getOrDefault(key, fallback);
    }

    private static ZoneId zoneOr(String name, ZoneId fallback) {
        return name == null ? fallback : ZONES.getOrDefault(name, fallback);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static void add(List<Mention> mentions, int position, Kind kind, Instant start, Instant end) {
        if (start.isAfter(end)) {
            return;
        }
        mentions.add(new Mention(position, kind, new TimeWindow(start, end)));
    }

    private static void mark(boolean[] used, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(used.length, to); i++) {
            used[i] = true;
        }
    }

    private static boolean isUsed(boolean[] used, int at) {
        return at < used.length && used[at];
    }
}
