package org.heshell.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The order of the elements of the API's XML schema, for the types the lab writes: the real engine writes every
 * element in its schema sequence's order (JAXB), so the lab does too. The table ({@code api-schema.txt}) is
 * generated from ovirt-engine-api-model by {@code scripts/api-schema-order.py}.
 */
final class LabSchema {
    /** One element a type may have: its rank in the sequence and its type (null for text). */
    record Member(int rank, String type) {
        /** A wrapper of repeated {@code Type} elements ({@code Type[]}), or of scalars ({@code []}). */
        boolean list() {
            return type != null && type.endsWith("[]");
        }

        String elementType() {
            return list() ? (type.length() == 2 ? null : type.substring(0, type.length() - 2)) : type;
        }
    }

    static final LabSchema API = load();

    private final Map<String, Map<String, Member>> types;

    private LabSchema(Map<String, Map<String, Member>> types) {
        this.types = types;
    }

    private static LabSchema load() {
        Map<String, Map<String, Member>> types = new HashMap<>();
        try (InputStream in = LabSchema.class.getResourceAsStream("api-schema.txt")) {
            if (in == null) {
                throw new IllegalStateException("api-schema.txt is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.split(" ");
                Map<String, Member> members = new LinkedHashMap<>();
                for (int i = 1; i < words.length; i++) {
                    int colon = words[i].indexOf(':');
                    String name = colon < 0 ? words[i] : words[i].substring(0, colon);
                    members.put(name, new Member(i, colon < 0 ? null : words[i].substring(colon + 1)));
                }
                types.put(words[0], members);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LabSchema(types);
    }

    /**
     * The element {@code name} of {@code type}; an element the schema does not have is a bug in the lab, never
     * something to send a client.
     */
    Member member(String type, String name) {
        Map<String, Member> members = types.get(type);
        if (members == null) {
            throw new IllegalStateException("the lab's API schema table has no type " + type);
        }
        Member m = members.get(name);
        if (m == null) {
            throw new IllegalStateException("the API schema's " + type + " has no element " + name);
        }
        return m;
    }

    boolean has(String type) {
        return types.containsKey(type);
    }
}
