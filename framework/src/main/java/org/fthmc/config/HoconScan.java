package org.fthmc.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A light pass over the text of one HOCON file for two things typesafe-config does not report: a key set twice in the
 * file (HOCON silently keeps the later value, so a forgotten second {@code hmc.seed} wins unseen), and the line of a
 * '{' or '[' that is never closed (the parser only says where the file ended). It understands the parts of HOCON that
 * decide where keys and blocks are: comments, quoted and triple-quoted strings, substitutions, dotted keys, nested
 * blocks, lists, {@code +=} and {@code include}; on anything else it stops and reports what it found up to there, so
 * it may miss a duplicate but never invents one.
 */
final class HoconScan {
    /** A key assigned again at {@code line} after {@code firstLine}. */
    record Duplicate(String path, int firstLine, int line) {
    }

    /** Joins the elements of a key path internally (a quoted element may itself contain dots). */
    private static final String SEP = "\u0001";

    private enum Kind { NEWLINE, COMMA, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, SEPARATOR, APPEND, TEXT, QUOTED, SUBSTITUTION, END }

    private record Token(Kind kind, String text, int line) {
    }

    /** Thrown inside the scan at a construct it does not follow. */
    private static final class GiveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GiveUp() {
            super(null, null, false, false);
        }
    }

    private final List<Token> tokens;
    private int next;
    private final Map<String, Integer> leaves = new HashMap<>();
    private final List<Duplicate> duplicates = new ArrayList<>();
    private final Deque<Token> open = new ArrayDeque<>();
    /** Whether the text ended inside a block or list (the innermost is on top of {@link #open}). */
    private boolean truncated;

    private HoconScan(String text) {
        this.tokens = tokenize(text);
    }

    /** The keys of the text that are set more than once (the later assignment wins in HOCON), in file order. */
    static List<Duplicate> duplicates(String text) {
        HoconScan scan = new HoconScan(text);
        scan.scan();
        return scan.duplicates;
    }

    /** "LINE: '{' is never closed" for the innermost unclosed brace or bracket of the text, if there is one. */
    static Optional<String> unclosed(String text) {
        HoconScan scan = new HoconScan(text);
        scan.scan();
        if (!scan.truncated || scan.open.isEmpty()) {
            return Optional.empty();
        }
        Token t = scan.open.peek();
        return Optional.of(t.line() + ": this '" + t.text() + "' is never closed");
    }

    /** Scans the text, up to its end or to the first construct it does not follow. */
    private void scan() {
        try {
            skipNewlines();
            object(List.of(), peek().kind() == Kind.OPEN_BRACE ? take() : null);
        } catch (GiveUp e) {
            // what was found up to here stands; the rest is not scanned
        }
    }

    /** The fields of a block (brace null: the root without braces) up to its closing brace. */
    private void object(List<String> prefix, Token brace) {
        if (brace != null) {
            open.push(brace);
        }
        while (true) {
            while (peek().kind() == Kind.NEWLINE || peek().kind() == Kind.COMMA) {
                next++;
            }
            Token t = peek();
            if (t.kind() == Kind.END) {
                if (brace != null) {
                    truncated = true;
                    throw new GiveUp();
                }
                return;
            }
            if (t.kind() == Kind.CLOSE_BRACE) {
                if (brace == null) {
                    throw new GiveUp();
                }
                next++;
                open.pop();
                return;
            }
            if (t.kind() == Kind.TEXT && t.text().equals("include")) {
                value();
                continue;
            }
            field(prefix);
        }
    }

    private void field(List<String> prefix) {
        List<String> path = new ArrayList<>(prefix);
        int line = peek().line();
        StringBuilder part = new StringBuilder();
        boolean any = false;
        while (peek().kind() == Kind.TEXT || peek().kind() == Kind.QUOTED) {
            Token t = take();
            if (t.kind() == Kind.QUOTED) {
                part.append(t.text());
            } else {
                String[] pieces = t.text().split("\\.", -1);
                part.append(pieces[0]);
                for (int i = 1; i < pieces.length; i++) {
                    path.add(part.toString());
                    part.setLength(0);
                    part.append(pieces[i]);
                }
            }
            any = true;
        }
        if (!any) {
            throw new GiveUp();
        }
        path.add(part.toString());
        String key = String.join(SEP, path);
        Token t = take();
        switch (t.kind()) {
            case OPEN_BRACE -> {
                block(key, line);
                object(path, t);
            }
            case SEPARATOR -> {
                if (peek().kind() == Kind.OPEN_BRACE) {
                    block(key, line);
                    object(path, take());
                } else {
                    leaf(key, line, value());
                }
            }
            case APPEND -> value();
            default -> throw new GiveUp();
        }
    }

    /** A block assigned at key: it replaces an earlier plain value of key. */
    private void block(String key, int line) {
        Integer first = leaves.remove(key);
        if (first != null) {
            duplicates.add(new Duplicate(key.replace(SEP, "."), first, line));
        }
    }

    /** A plain value assigned at key: it replaces an earlier value of key, or an earlier block's keys under it. */
    private void leaf(String key, int line, String valueText) {
        String dotted = key.replace(SEP, ".");
        boolean selfReference = valueText.contains("${" + dotted + "}") || valueText.contains("${?" + dotted + "}");
        Integer first = leaves.get(key);
        for (var e : leaves.entrySet()) {
            if (e.getKey().startsWith(key + SEP) && (first == null || e.getValue() < first)) {
                first = e.getValue();
            }
        }
        if (first != null && !selfReference) {
            duplicates.add(new Duplicate(dotted, first, line));
        }
        leaves.keySet().removeIf(k -> k.startsWith(key + SEP));
        leaves.put(key, line);
    }

    /** Skips a value up to the newline, comma or closing brace that ends it; returns its text. */
    private String value() {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case END -> {
                    if (depth == 0) {
                        return text.toString();
                    }
                    truncated = true;
                    throw new GiveUp();
                }
                case NEWLINE, COMMA -> {
                    if (depth == 0) {
                        return text.toString();
                    }
                }
                case CLOSE_BRACE, CLOSE_BRACKET -> {
                    if (depth == 0) {
                        if (t.kind() == Kind.CLOSE_BRACKET) {
                            throw new GiveUp();
                        }
                        return text.toString();
                    }
                    depth--;
                    open.pop();
                }
                case OPEN_BRACE, OPEN_BRACKET -> {
                    depth++;
                    open.push(t);
                }
                default -> {
                }
            }
            text.append(t.text());
            next++;
        }
    }

    private void skipNewlines() {
        while (peek().kind() == Kind.NEWLINE) {
            next++;
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }

    private static final String NOT_UNQUOTED = "$\"{}[]:=,+#`^?!@*&\\";

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                out.add(new Token(Kind.NEWLINE, "\n", line++));
                i++;
            } else if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
            } else if (c == '#' || s.startsWith("//", i)) {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                if (end < 0) {
                    break;
                }
                while (end + 3 < n && s.charAt(end + 3) == '"') {
                    end++;
                }
                String body = s.substring(i + 3, end);
                out.add(new Token(Kind.QUOTED, body, line));
                line += (int) body.chars().filter(ch -> ch == '\n').count();
                i = end + 3;
            } else if (c == '"') {
                StringBuilder body = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"' && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    body.append(s.charAt(i++));
                }
                out.add(new Token(Kind.QUOTED, body.toString(), line));
                i++;
            } else if (s.startsWith("${", i)) {
                int end = s.indexOf('}', i);
                if (end < 0) {
                    break;
                }
                out.add(new Token(Kind.SUBSTITUTION, s.substring(i, end + 1), line));
                i = end + 1;
            } else if (s.startsWith("+=", i)) {
                out.add(new Token(Kind.APPEND, "+=", line));
                i += 2;
            } else if (c == '=' || c == ':') {
                out.add(new Token(Kind.SEPARATOR, String.valueOf(c), line));
                i++;
            } else if (c == ',') {
                out.add(new Token(Kind.COMMA, ",", line));
                i++;
            } else if (c == '{' || c == '}' || c == '[' || c == ']') {
                Kind kind = switch (c) {
                    case '{' -> Kind.OPEN_BRACE;
                    case '}' -> Kind.CLOSE_BRACE;
                    case '[' -> Kind.OPEN_BRACKET;
                    default -> Kind.CLOSE_BRACKET;
                };
                out.add(new Token(kind, String.valueOf(c), line));
                i++;
            } else if (NOT_UNQUOTED.indexOf(c) >= 0) {
                out.add(new Token(Kind.TEXT, String.valueOf(c), line));
                i++;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(s.charAt(i)) && NOT_UNQUOTED.indexOf(s.charAt(i)) < 0 && !s.startsWith("//", i)) {
                    i++;
                }
                out.add(new Token(Kind.TEXT, s.substring(start, i), line));
            }
        }
        out.add(new Token(Kind.END, "", line));
        return out;
    }
}
