package dev.deskloop.triage.text;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the HTML of a Zendesk {@code html_body} or an Intercom conversation part to plain text: block elements
 * become line breaks, list items keep their numbers or bullets, quoted e-mail history ({@code blockquote}, Gmail
 * and Outlook quote containers) is dropped, and entities are decoded.
 */
public final class HtmlText {

    private static final Pattern LOOKS_LIKE_HTML = Pattern.compile(
            "<(?:p|div|br|span|a|b|i|u|em|strong|ul|ol|li|blockquote|table|tr|td|th|h[1-6]|pre|code|img|html|body"
                    + "|font|hr|section|article)\\b[^<>]{0,2000}>|&(?:nbsp|amp|lt|gt|quot|#\\d{1,6});",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DROPPED_BLOCKS = Pattern.compile(
            "<(script|style|head|title)\\b[^>]{0,2000}>.*?</\\1\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern QUOTE_CONTAINER_START = Pattern.compile(
            "<div\\b[^>]{0,2000}(?:gmail_quote|divRplyFwdMsg|OutlookMessageHeader|yahoo_quoted|zd-quoted)[^>]{0,2000}>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENT = Pattern.compile("<!--.*?(?:-->|\\z)", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]{0,20})\\b[^<>]{0,4000}>");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("nbsp", " "), Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"),
            Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("hellip", "…"), Map.entry("mdash", "—"),
            Map.entry("ndash", "–"), Map.entry("rsquo", "’"), Map.entry("lsquo", "‘"), Map.entry("rdquo", "”"),
            Map.entry("ldquo", "“"), Map.entry("euro", "€"), Map.entry("pound", "£"), Map.entry("copy", "©"),
            Map.entry("bull", "•"), Map.entry("rarr", "→"), Map.entry("times", "×"));

    private HtmlText() {
    }

    /** Whether {@code text} contains HTML markup worth converting. */
    public static boolean looksLikeHtml(String text) {
        return text.indexOf('<') >= 0 || text.indexOf('&') >= 0 ? LOOKS_LIKE_HTML.matcher(text).find() : false;
    }

    /** Plain text of an HTML fragment; text without markup is returned as it is. */
    public static String toText(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        if (!looksLikeHtml(html)) {
            return html;
        }
        String text = COMMENT.matcher(html).replaceAll("");
        text = DROPPED_BLOCKS.matcher(text).replaceAll("");
        Matcher quote = QUOTE_CONTAINER_START.matcher(text);
        if (quote.find()) {
            // Mail clients put the whole quoted history in this container, at the end of the message.
            text = text.substring(0, quote.start());
        }
        text = renderTags(text);
        return decodeEntities(text).replace('\u00A0', ' ');
    }

    private static String renderTags(String html) {
        var out = new StringBuilder(html.length());
        Deque<int[]> lists = new ArrayDeque<>(); // {ordered ? 1 : 0, counter}
        int blockquoteDepth = 0;
        Matcher tag = TAG.matcher(html);
        int last = 0;
        while (tag.find()) {
            if (blockquoteDepth == 0) {
                out.append(html, last, tag.start());
            }
            last = tag.end();
            boolean closing = !tag.group(1).isEmpty();
            String name = tag.group(2).toLowerCase(Locale.ROOT);
            switch (name) {
                case "blockquote" -> blockquoteDepth = Math.max(0, blockquoteDepth + (closing ? -1 : 1));
                case "br" -> out.append('\n');
                case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre", "table", "section", "article",
                     "hr" -> out.append('\n');
                case "ol", "ul" -> {
                    if (closing) {
                        lists.poll();
                    } else {
                        lists.push(new int[] {"ol".equals(name) ? 1 : 0, 0});
                    }
                    out.append('\n');
                }
                case "li" -> {
                    if (!closing) {
                        int[] list = lists.peek();
                        out.append('\n');
                        if (list != null && list[0] == 1) {
                            list[1]++;
                            out.append(list[1]).append(". ");
                        } else {
                            out.append("- ");
                        }
                    } else {
                        out.append('\n');
                    }
                }
                case "td", "th" -> out.append(closing ? "" : " ");
                default -> {
                    // Inline elements (span, a, b, code, font...) leave only their text.
                }
            }
        }
        if (blockquoteDepth == 0) {
            out.append(html, last, html.length());
        }
        return out.toString();
    }

    static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher entity = ENTITY.matcher(text);
        var out = new StringBuilder(text.length());
        while (entity.find()) {
            String name = entity.group(1);
            String replacement;
            if (name.startsWith("#x") || name.startsWith("#X")) {
                replacement = codePoint(Integer.parseInt(name.substring(2), 16));
            } else if (name.startsWith("#")) {
                replacement = codePoint(Integer.parseInt(name.substring(1)));
            } else {
                replacement = NAMED.getOrDefault(name.toLowerCase(Locale.ROOT), entity.group());
            }
            entity.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        entity.appendTail(out);
        return out.toString();
    }

    private static String codePoint(int value) {
        return Character.isValidCodePoint(value) && value != 0 ? Character.toString(value) : " ";
    }
}
