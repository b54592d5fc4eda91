package org.heshell.model;

/** Reads the API's lower-case enum values; a value newer than this code becomes the given fallback, not an error. */
final class ApiEnum {
    private ApiEnum() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, E unknown) {
        if (value == null) {
            return unknown;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return unknown;
        }
    }
}
