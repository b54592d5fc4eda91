package org.heshell.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the engine's search language the lab understands: {@code field OP value} terms with {@code =},
 * {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, joined by {@code and} and {@code or} ({@code and} binding
 * tighter, as the engine's SyntaxChecker orders them), values optionally quoted, {@code *} as a wildcard,
 * case-insensitive by default. Comparisons are numeric, or by a field's rank (an event's severity).
 */
final class LabSearch {
    private static final Pattern TERM = Pattern.compile(
            "\\s*([a-z_.]+)\\s*(!=|<=|>=|=|<|>)\\s*(\"[^\"]*\"|\\S.*?)\\s*", Pattern.CASE_INSENSITIVE);

    private LabSearch() {
    }

    /** A predicate over items whose searchable fields are given by {@code fields}; a blank query matches all. */
    static <T> Predicate<T> parse(String query, Map<String, Function<T, String>> fields, boolean caseSensitive) {
        return parse(query, fields, Map.of(), caseSensitive);
    }

    /**
     * As {@link #parse(String, Map, boolean)}; {@code ranks} gives the fields compared by rank, their values in
     * ascending order.
     */
    static <T> Predicate<T> parse(String query, Map<String, Function<T, String>> fields,
                                  Map<String, List<String>> ranks, boolean caseSensitive) {
        if (query == null || query.isBlank()) {
            return x -> true;
        }
        List<Predicate<T>> alternatives = new ArrayList<>();
        for (String alternative : split(query, "or")) {
            List<Predicate<T>> terms = new ArrayList<>();
            for (String part : split(alternative, "and")) {
                terms.add(term(query, part, fields, ranks, caseSensitive));
            }
            alternatives.add(terms.stream().reduce(x -> true, Predicate::and));
        }
        return alternatives.stream().reduce(x -> false, Predicate::or);
    }

    private static <T> Predicate<T> term(String query, String part, Map<String, Function<T, String>> fields,
                                         Map<String, List<String>> ranks, boolean caseSensitive) {
        Matcher m = TERM.matcher(part);
        if (!m.matches()) {
            throw new LabFault(400, "[Cannot search: the search query '" + query + "' has a syntax error.]");
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        Function<T, String> field = fields.get(name);
        if (field == null) {
            throw new LabFault(400, "[Cannot search: unknown field '" + m.group(1) + "'. Known fields: "
                    + String.join(", ", fields.keySet().stream().sorted().toList()) + ".]");
        }
        String value = m.group(3).startsWith("\"") ? m.group(3).substring(1, m.group(3).length() - 1) : m.group(3);
        String op = m.group(2);
        if (op.equals("=") || op.equals("!=")) {
            Pattern wanted = Pattern.compile(wildcard(value), caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
            boolean negate = op.equals("!=");
            return item -> {
                String actual = field.apply(item);
                return negate != (actual != null && wanted.matcher(actual).matches());
            };
        }
        List<String> order = ranks.get(name);
        Function<String, Double> measure = order != null
                ? v -> v == null ? null : rank(order, v)
                : LabSearch::number;
        Double bound = measure.apply(value);
        if (bound == null) {
            throw new LabFault(400, "[Cannot search: '" + value + "' is not a value '" + m.group(1) + "' can be"
                    + " compared with" + (order == null ? "." : "; it is one of " + String.join(", ", order) + ".")
                    + "]");
        }
        return item -> {
            Double actual = measure.apply(field.apply(item));
            if (actual == null) {
                return false;
            }
            int c = Double.compare(actual, bound);
            return switch (op) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
        };
    }

    private static Double rank(List<String> order, String value) {
        int i = order.indexOf(value.toLowerCase(Locale.ROOT));
        return i < 0 ? null : (double) i;
    }

    private static Double number(String value) {
        try {
            return value == null ? null : Double.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code text} split at the word {@code keyword} (any case) outside double quotes. */
    private static List<String> split(String text, String keyword) {
        List<String> parts = new ArrayList<>();
        Pattern word = Pattern.compile("\\s+" + keyword + "\\s+", Pattern.CASE_INSENSITIVE);
        Matcher m = word.matcher(text);
        int from = 0;
        int searchFrom = 0;
        while (m.find(searchFrom)) {
            if (quotesBefore(text, m.start()) % 2 == 0) {
                parts.add(text.substring(from, m.start()));
                from = m.end();
            }
            searchFrom = m.end() - 1;
        }
        parts.add(text.substring(from));
        return parts;
    }

    private static int quotesBefore(String text, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    private static String wildcard(String value) {
        StringJoiner re = new StringJoiner(".*");
        for (String piece : value.split("\\*", -1)) {
            re.add(Pattern.quote(piece));
        }
        return re.toString();
    }
}
