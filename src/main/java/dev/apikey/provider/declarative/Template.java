package dev.apikey.provider.declarative;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A string of a provider definition with {@code {placeholders}}: {@code "Bearer {credential}"},
 * {@code "/users/{param.user}/tokens"}, {@code "{expiresAt|date}"}. A placeholder names a value, may pass
 * it through filters ({@code |date}), and may fall back to alternatives ({@code {param.account ?? credential.user}},
 * {@code {param.level ?? '40'}}). {@code {{} and {@code }}} are literal braces.
 *
 * <p>A template that is exactly one placeholder keeps the value's type (an array of scopes, a number, a JSON
 * document from {@code |json}); any other template is text. When a value is missing, the whole template is
 * missing, and the field, query parameter or header it fills is left out.
 *
 * <p>A definition's templates are parsed once, when it is read; one that cannot be parsed is kept with its
 * {@link #error()}, which the definition's checks report at its JSON path.
 */
final class Template {
    static final Pattern REF = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)?");

    /** One alternative of a placeholder: a reference with filters, or a quoted literal. */
    record Choice(String ref, String literal, List<String> filters) {
    }

    /** A literal run of text, or a placeholder (a non-empty list of alternatives). */
    record Part(String text, List<Choice> choices) {
        boolean placeholder() {
            return choices != null;
        }
    }

    private final String source;
    private final List<Part> parts;
    private final String error;

    private Template(String source, List<Part> parts, String error) {
        this.source = source;
        this.parts = parts;
        this.error = error;
    }

    /**
     * A template as a definition writes it: text is parsed (a syntax error is kept, not thrown), a number or a
     * boolean (a query parameter's value) is literal text.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Template of(JsonNode node) {
        String text = node.isTextual() ? node.textValue() : node.asText();
        if (!node.isTextual()) {
            return new Template(text, List.of(new Part(text, null)), null);
        }
        try {
            return parse(text);
        } catch (TemplateException e) {
            return new Template(text, List.of(), e.getMessage());
        }
    }

    /** Why the template cannot be parsed, or null when it can. */
    String error() {
        return error;
    }

    String source() {
        return source;
    }

    List<Part> parts() {
        return parts;
    }

    /** Whether the template is one placeholder and nothing else, so its value keeps its type. */
    boolean whole() {
        return parts.size() == 1 && parts.get(0).placeholder();
    }

    /** Every reference the template uses, in order. */
    List<String> refs() {
        List<String> refs = new ArrayList<>();
        for (Part p : parts) {
            if (p.placeholder()) {
                for (Choice c : p.choices()) {
                    if (c.ref() != null) {
                        refs.add(c.ref());
                    }
                }
            }
        }
        return refs;
    }

    List<Choice> choices() {
        List<Choice> all = new ArrayList<>();
        for (Part p : parts) {
            if (p.placeholder()) {
                all.addAll(p.choices());
            }
        }
        return all;
    }

    /** Parses a template; a syntax error names the character position where it is. */
    static Template parse(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '{' && i + 1 < source.length() && source.charAt(i + 1) == '{') {
                text.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < source.length() && source.charAt(i + 1) == '}') {
                text.append('}');
                i += 2;
            } else if (c == '{') {
                int end = source.indexOf('}', i);
                if (end < 0) {
                    throw new TemplateException("unclosed '{' at character " + (i + 1));
                }
                if (text.length() > 0) {
                    parts.add(new Part(text.toString(), null));
                    text.setLength(0);
                }
                parts.add(new Part(null, placeholder(source.substring(i + 1, end), i + 1)));
                i = end + 1;
            } else if (c == '}') {
                throw new TemplateException("unexpected '}' at character " + (i + 1) + " (write '}}' for a literal brace)");
            } else {
                text.append(c);
                i++;
            }
        }
        if (text.length() > 0 || parts.isEmpty()) {
            parts.add(new Part(text.toString(), null));
        }
        return new Template(source, List.copyOf(parts), null);
    }

    private static List<Choice> placeholder(String body, int at) {
        List<Choice> choices = new ArrayList<>();
        for (String alternative : body.split("\\?\\?", -1)) {
            String a = alternative.trim();
            if (a.isEmpty()) {
                throw new TemplateException("empty placeholder at character " + at);
            }
            String head;
            String rest;
            if (a.startsWith("'")) {
                int close = a.indexOf('\'', 1);
                if (close < 0) {
                    throw new TemplateException("unterminated quoted text in the placeholder at character " + at);
                }
                head = a.substring(0, close + 1);
                rest = a.substring(close + 1).trim();
                if (!rest.isEmpty() && !rest.startsWith("|")) {
                    throw new TemplateException("unexpected text after quoted text in the placeholder at character " + at);
                }
            } else {
                int pipe = a.indexOf('|');
                head = (pipe < 0 ? a : a.substring(0, pipe)).trim();
                rest = pipe < 0 ? "" : a.substring(pipe);
                if (!REF.matcher(head).matches()) {
                    throw new TemplateException("'" + head + "' is not a value name (placeholder at character " + at + ")");
                }
            }
            List<String> filters = new ArrayList<>();
            if (!rest.isEmpty()) {
                String[] pipes = rest.substring(1).split("\\|", -1);
                for (String f : pipes) {
                    if (f.trim().isEmpty()) {
                        throw new TemplateException("empty filter in the placeholder at character " + at);
                    }
                    filters.add(f.trim());
                }
            }
            boolean literal = head.startsWith("'");
            choices.add(new Choice(literal ? null : head, literal ? head.substring(1, head.length() - 1) : null,
                    List.copyOf(filters)));
        }
        return List.copyOf(choices);
    }

    @Override
    public String toString() {
        return source;
    }

    /** A template that cannot be parsed. */
    static final class TemplateException extends RuntimeException {
        TemplateException(String message) {
            super(message);
        }
    }
}
