package dev.deskloop.simulator.http;

/** HTML escaping, HTML bodies as plain text, and the page frame shared by the consent screens and the control page. */
public final class Html {

    private Html() {
    }

    public static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code html} as plain text, the way the providers render bodies: tags matching {@code lineBreaks} become new
     * lines, other tags disappear, the entities {@link #escape} writes are decoded and the ends are trimmed.
     */
    public static String text(String html, String lineBreaks) {
        return html.replaceAll(lineBreaks, "\n").replaceAll("(?s)<[^>]*>", "")
            .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
            .strip();
    }

    /** A complete page; {@code body} must already be escaped HTML. */
    public static String page(String title, String body) {
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>%s</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
            h1{font-size:1.5rem} h2{font-size:1.2rem;margin-top:2rem} table{border-collapse:collapse;width:100%%}
            td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
            form.card{border:1px solid #ccc;padding:1rem;margin:1rem 0;border-radius:.4rem}
            label{display:block;margin:.4rem 0} input[type=text],textarea{width:100%%;box-sizing:border-box}
            .note{background:#fff7d6} .muted{color:#666} pre{white-space:pre-wrap;word-break:break-all;margin:0}
            button{padding:.4rem 1rem;margin-right:.5rem}
            </style></head><body>
            %s
            </body></html>
            """.formatted(escape(title), body);
    }
}
