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
 * The part of the engine's search language the lab understands: {@code field=value} and {@code field!=value}
 * terms joined by {@code and}, values optionally quoted, {@code *} as a wildcard, case-insensitive by default.
 */
final class LabSearch {
    private static final Pattern TERM = Pattern.compile(
            "\\s*([a-z_.]+)\\s*(!=|=)\\s*(\"[^\"]*\"|\\S.*?)\\s*", Pattern.CASE_INSENSITIVE);

    private LabSearch() {
    }

    /** A predicate over items whose searchable fields are given by {@code fields}; a blank query matches all. */
    static <T> Predicate<T> parse(String query, Map<String, Function<T, String>> fields, boolean caseSensitive) {
        Predicate<T> all = x -> true;
        if (query == null || query.isBlank()) {
            return all;
        }
        List<Predicate<T>> terms = new ArrayList<>();
        for (String part : query.split("(?i)\\s+and\\s+")) {
            Matcher m = TERM.matcher(part);
            if (!m.matches()) {
                throw new LabFault(400, "[Cannot search: the search query '" + query + "' has a syntax error.]");
            }
            Function<T, String> field = fields.get(m.group(1).toLowerCase(Locale.ROOT));
            if (field == null) {
                throw new LabFault(400, "[Cannot search: unknown field '" + m.group(1) + "'. Known fields: "
                        + String.join(", ", fields.keySet()) + ".]");
            }
            String value = m.group(3).startsWith("\"") ? m.group(3).substring(1, m.group(3).length() - 1) : m.group(3);
            Pattern wanted = Pattern.compile(wildcard(value), caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
            boolean negate = m.group(2).equals("!=");
            terms.add(item -> {
                String actual = field.apply(item);
                return negate != (actual != null && wanted.matcher(actual).matches());
            });
        }
        return terms.stream().reduce(all, Predicate::and);
    }

    private static String wildcard(String value) {
        StringJoiner re = new StringJoiner(".*");
        for (String piece : value.split("\\*", -1)) {
            re.add(Pattern.quote(piece));
        }
        return re.toString();
    }
}
