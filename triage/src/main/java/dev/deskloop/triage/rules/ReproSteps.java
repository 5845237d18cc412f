package dev.deskloop.triage.rules;

import dev.deskloop.triage.text.Sentences;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the steps to reproduce a problem, trying in order: a section under a heading such as "Steps to reproduce",
 * a numbered or bulleted list of actions, a menu path ("Settings &gt; Billing &gt; Update card"), and a narrative
 * ("I go to X, click Y and get Z"). Returns at most {@value #MAX_STEPS} steps.
 */
public final class ReproSteps {

    static final int MAX_STEPS = 12;
    private static final int MAX_STEP_LENGTH = 300;

    private static final Pattern HEADING = Pattern.compile(
            "^\\s*(?:#{1,6}\\s*|\\*\\*)?(?:steps\\s+to\\s+(?:reproduce|repro|recreate|replicate)|repro(?:duction)?\\s+steps"
                    + "|how\\s+to\\s+(?:reproduce|repro|replicate)|to\\s+(?:reproduce|repro|replicate)|steps|repro"
                    + "|what\\s+i\\s+(?:do|did)|what\\s+we\\s+(?:do|did)|reproduction|schritte(?:\\s+zum\\s+reproduzieren)?"
                    + "|pasos(?:\\s+para\\s+reproducir)?|étapes)\\s*(?:\\*\\*)?\\s*[:\\-–]?\\s*(?:\\*\\*)?(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SECTION_END = Pattern.compile(
            "^\\s*(?:#{1,6}\\s*|\\*\\*)?(?:expected|actual|result|what\\s+happens|what\\s+should|environment|browser|"
                    + "version|notes?|additional|impact|workaround)\\b.{0,40}[:\\-]?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_FIRST = Pattern.compile("(?<=^|[:\\s])1[.)]\\s+(?=\\S)");
    private static final Pattern INLINE_SECOND = Pattern.compile("\\s2[.)]\\s+\\S");
    private static final Pattern INLINE_NUMBER = Pattern.compile("\\s(\\d{1,2})[.)]\\s+(?=\\S)");
    private static final Pattern TRAILING_SECTION = Pattern.compile(
            "(?<=[.!?])\\s+(?=(?:expected|actual|result|instead)\\b)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_ITEM = Pattern.compile(
            "^\\s*(?:(?:step\\s*)?\\d{1,2}\\s*[.):]|[-*•·]|[a-h]\\))\\s+(.+)$", Pattern.CASE_INSENSITIVE);
    private static final String ACTION = "(?:go(?:ing)?\\s+to|goes\\s+to|went\\s+to|open(?:s|ed)?|click(?:s|ed)?|tap(?:s|ped)?"
            + "|select(?:s|ed)?|choose|chose|enter(?:s|ed)?|type[sd]?|navigate[sd]?\\s+to|log(?:ged)?\\s+in|sign(?:ed)?\\s+in"
            + "|press(?:es|ed)?|drag(?:s|ged)?|drop(?:s|ped)?|upload(?:s|ed)?|create[sd]?|add(?:s|ed)?|fill(?:s|ed)?"
            + "|submit(?:s|ted)?|save[sd]?|hit|scroll(?:s|ed)?|search(?:es|ed)?\\s+for|switch(?:es|ed)?|toggle[sd]?"
            + "|set|change[sd]?|edit(?:s|ed)?|delete[sd]?|remove[sd]?|send|sent|export(?:s|ed)?|import(?:s|ed)?"
            + "|download(?:s|ed)?|run|ran|call(?:s|ed)?|try\\s+to|tried\\s+to|attach(?:es|ed)?|pick(?:s|ed)?"
            + "|check(?:s|ed)?|untick(?:s|ed)?|tick(?:s|ed)?|refresh(?:es|ed)?|reload(?:s|ed)?|visit(?:s|ed)?"
            + "|post(?:s|ed)?|convert(?:s|ed)?|assign(?:s|ed)?|print(?:s|ed)?|take|took|pass(?:es|ed)?|hover(?:s|ed)?"
            + "|duplicate[sd]?|copy|copie[sd]|paste[sd]?|record(?:s|ed)?|mark(?:s|ed)?|reconnect(?:s|ed)?"
            + "|disconnect(?:s|ed)?|connect(?:s|ed)?|install(?:s|ed)?|update[sd]?|sync(?:s|ed)?|approve[sd]?)";
    private static final Pattern ACTION_START = Pattern.compile(
            "^(?:(?:then|and|and\\s+then|next|after\\s+that|first|finally|now|so)\\s*,?\\s+)?(?:[\\w\\s]{0,25}\\b(?:i|we|"
                    + "you|the\\s+user|user|they|techs?|he|she)\\s+)?(?:just\\s+|then\\s+|simply\\s+|also\\s+)?" + ACTION
                    + "\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBERED_ITEM = Pattern.compile("^\\s*(?:step\\s*)?\\d{1,2}\\s*[.):]\\s+\\S",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MENU_PATH = Pattern.compile(
            "[\\p{L}\\p{N}][^>\\n.;]{0,40}(?:\\s(?:>|→|->|»)\\s[^>\\n.;]{1,40}){2,}");
    private static final Pattern API_CALL = Pattern.compile("\\b(?:GET|POST|PUT|PATCH|DELETE)\\s+/\\S+|\\bcurl\\s+-");
    private static final Pattern SHORT_PATH = Pattern.compile("\\p{Lu}[\\p{L}\\p{N} ]{0,30}\\s(?:>|→|»)\\s\\p{Lu}");
    private static final Pattern CLAUSE_SPLIT = Pattern.compile(
            "\\s*(?:,\\s*(?:and\\s+)?then\\s+|,\\s+and\\s+|;\\s+|:\\s+|,\\s+(?=(?:i|we)\\s)|\\s+and\\s+then\\s+"
                    + "|\\s+then\\s+|\\s+(?:>|→|->|»)\\s+|\\s+and\\s+(?=" + ACTION + "\\b)|,\\s+)",
            Pattern.CASE_INSENSITIVE);

    private ReproSteps() {
    }

    /** The steps to reproduce found in {@code text}, empty when it gives none. */
    public static List<String> extract(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String[] lines = unfoldInlineLists(text).split("\n");
        List<String> steps = underHeading(lines);
        if (steps.isEmpty()) {
            steps = actionList(lines);
        }
        if (steps.isEmpty()) {
            steps = narrative(text);
        }
        return steps.stream().limit(MAX_STEPS).toList();
    }

    /**
     * Puts a numbered list written on one line ("Steps: 1. Open Reports 2. Click Export 3. See the error. Expected a
     * file.") on lines of its own, so that it reads like any other list; a trailing "Expected …"/"Actual …" sentence
     * gets its own line too and ends the list.
     */
    static String unfoldInlineLists(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean firstLine = true;
        for (String line : text.split("\n", -1)) {
            if (!firstLine) {
                out.append('\n');
            }
            firstLine = false;
            Matcher first = INLINE_FIRST.matcher(line);
            if (line.length() > 2000 || !first.find()
                    || !INLINE_SECOND.matcher(line).region(first.end(), line.length()).find()) {
                out.append(line);
                continue;
            }
            StringBuilder unfolded = new StringBuilder(line.substring(0, first.start())).append('\n');
            String rest = line.substring(first.start());
            int next = 2;
            int cut = 0;
            int search = 0;
            StringBuilder items = new StringBuilder();
            Matcher number = INLINE_NUMBER.matcher(rest);
            while (number.find(search)) {
                search = number.end();
                if (Integer.parseInt(number.group(1)) != next) {
                    continue; // "version 3." inside step 1 is not step 3
                }
                items.append(rest, cut, number.start()).append('\n');
                cut = number.start() + 1;
                next++;
            }
            items.append(rest.substring(cut));
            unfolded.append(TRAILING_SECTION.matcher(items).replaceAll("\n"));
            out.append(unfolded);
        }
        return out.toString();
    }

    private static List<String> underHeading(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].length() > 600) {
                continue;
            }
            Matcher heading = HEADING.matcher(lines[i]);
            if (!heading.matches()) {
                continue;
            }
            String rest = heading.group(1).strip();
            boolean bareSteps = lines[i].strip().toLowerCase(Locale.ROOT).startsWith("steps")
                    && !lines[i].strip().toLowerCase(Locale.ROOT).startsWith("steps to")
                    && !lines[i].contains(":");
            if (bareSteps) {
                continue; // "Steps I've tried..." is not a heading.
            }
            List<String> steps = new ArrayList<>();
            if (!rest.isEmpty()) {
                steps.addAll(clauses(rest));
            }
            for (int j = i + 1; j < lines.length && steps.size() < MAX_STEPS; j++) {
                String line = lines[j].strip();
                if (line.isEmpty()) {
                    if (!steps.isEmpty()) {
                        break;
                    }
                    continue;
                }
                if (SECTION_END.matcher(line).lookingAt() || HEADING.matcher(line).matches()) {
                    break;
                }
                Matcher item = LIST_ITEM.matcher(line);
                steps.addAll(item.matches() ? List.of(clean(item.group(1))) : clauses(line));
            }
            steps.removeIf(String::isBlank);
            if (!steps.isEmpty()) {
                return steps;
            }
        }
        return List.of();
    }

    private static List<String> actionList(String[] lines) {
        List<String> run = new ArrayList<>();
        int actions = 0;
        for (String raw : lines) {
            Matcher item = LIST_ITEM.matcher(raw);
            if (raw.length() < 600 && item.matches()) {
                String step = clean(item.group(1));
                run.add(step);
                // Numbered items are steps in any language; bullets only when they read as actions.
                if (NUMBERED_ITEM.matcher(raw).lookingAt() || ACTION_START.matcher(step).lookingAt()
                        || MENU_PATH.matcher(step).find()) {
                    actions++;
                }
                continue;
            }
            if (run.size() >= 2 && actions * 2 >= run.size()) {
                return run;
            }
            run = new ArrayList<>();
            actions = 0;
        }
        return run.size() >= 2 && actions * 2 >= run.size() ? run : List.of();
    }

    private static List<String> narrative(String text) {
        List<String> sentences = Sentences.of(text);
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < sentences.size() && steps.size() < MAX_STEPS; i++) {
            String sentence = sentences.get(i);
            if (sentence.length() > 600 || sentence.endsWith("?")) {
                if (!steps.isEmpty()) {
                    break;
                }
                continue;
            }
            List<String> clauses = clauses(sentence);
            int first = -1;
            int last = -1;
            int actions = 0;
            for (int c = 0; c < clauses.size(); c++) {
                if (isAction(clauses.get(c))) {
                    actions++;
                    first = first < 0 ? c : first;
                    last = c;
                }
            }
            boolean path = MENU_PATH.matcher(sentence).find() || API_CALL.matcher(sentence).find();
            if (actions >= 2 || path || (!steps.isEmpty() && actions >= 1)) {
                // A menu path is all steps; in prose the steps end with the last action, the rest is the result.
                int from = path ? 0 : first;
                int to = path ? clauses.size() : last + 1;
                steps.addAll(clauses.subList(from, to));
                // A narrative often goes on in the next sentence ("I enter the card, click Save...").
                continue;
            }
            if (!steps.isEmpty()) {
                break;
            }
        }
        return steps.size() >= 2 ? steps : List.of();
    }

    private static boolean isAction(String clause) {
        return ACTION_START.matcher(clause).lookingAt() || SHORT_PATH.matcher(clause).find();
    }

    private static List<String> clauses(String sentence) {
        List<String> clauses = new ArrayList<>();
        for (String part : CLAUSE_SPLIT.split(sentence)) {
            String step = clean(part);
            if (!step.isEmpty()) {
                clauses.add(step);
            }
        }
        return clauses;
    }

    private static String clean(String step) {
        String s = step.strip().replaceAll("^(?:and\\s+|then\\s+)+", "").replaceAll("[.,;:]+$", "").strip();
        return s.length() > MAX_STEP_LENGTH ? s.substring(0, MAX_STEP_LENGTH).strip() + "…" : s;
    }
}
