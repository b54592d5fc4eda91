package org.heshell.lab;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API's JSON representation, for a client that asks for it with {@code Accept: application/json}. The engine
 * writes its JAXB objects with Jackson (restapi's {@code CustomObjectMapperFactory}: JAXB annotations, nulls left
 * out, indented), so the lab writes the same shape from its {@link LabXml} answers: {@code href} and {@code id} as
 * fields; numbers and booleans as JSON values and dates as epoch milliseconds (api-model's "Primitive types");
 * a collection as one array named after its element ({@code {"host": [...]}}), an empty one as {@code {}};
 * {@code link} and the items of a list type always arrays. A JSON request body is read as the XML document it
 * stands for, so the SDK's readers take both.
 */
final class LabJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private LabJson() {
    }

    /** Whether a request's {@code Accept} header prefers JSON to the default, XML. */
    static boolean accepted(String accept) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("application/json")) {
                return true;
            }
            if (type.equals("application/xml") || type.equals("text/xml") || type.equals("*/*")) {
                return false;
            }
        }
        return false;
    }

    /** {@code document}, of the schema's {@code type} ({@code Host}, {@code Host[]}), as the engine's JSON. */
    static byte[] write(LabXml document, String type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            object(g, document, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void object(JsonGenerator g, LabXml e, String type) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            g.writeStringField(a.getKey(), a.getValue());
        }
        boolean wrapper = type != null && type.endsWith("[]");
        String itemType = wrapper && type.length() > 2 ? type.substring(0, type.length() - 2) : null;
        List<LabXml> ordered = new ArrayList<>(e.children());
        if (!wrapper) {
            if (type == null && !ordered.isEmpty()) {
                throw new IllegalStateException("<" + e.name() + "> has children but the schema gives it none");
            }
            ordered.sort(Comparator.comparingInt(c -> LabSchema.API.member(type, c.name()).rank()));
        }
        Map<String, List<LabXml>> byName = new LinkedHashMap<>();
        ordered.forEach(c -> byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c));
        for (Map.Entry<String, List<LabXml>> field : byName.entrySet()) {
            String childType = wrapper ? itemType : LabSchema.API.member(type, field.getKey()).type();
            g.writeFieldName(field.getKey());
            if (wrapper || field.getKey().equals("link")) {
                g.writeStartArray();
                for (LabXml c : field.getValue()) {
                    value(g, c, childType);
                }
                g.writeEndArray();
            } else if (field.getValue().size() == 1) {
                value(g, field.getValue().get(0), childType);
            } else {
                throw new IllegalStateException("<" + e.name() + "> has " + field.getValue().size() + " <"
                        + field.getKey() + ">, which the schema has once");
            }
        }
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, LabXml e, String type) throws IOException {
        Object v = e.value();
        if (v == null) {
            object(g, e, type);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (v instanceof Instant i) {
            g.writeNumber(i.toEpochMilli());
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    /**
     * A JSON request body as the XML document it stands for, its root element {@code root}: fields become elements,
     * an array repeated elements of the field's name, {@code href} and {@code id} attributes. What is not a JSON
     * object is refused as the engine refuses it, with a 400.
     */
    static byte[] asXml(byte[] body, String root) {
        StringBuilder out = new StringBuilder(body.length * 2 + 64);
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new LabFault(400, "[Request syntactically incorrect: a JSON object is expected]");
            }
            element(p, root, out);
            if (p.nextToken() != null) {
                throw new LabFault(400, "[Request syntactically incorrect: text after the JSON object]");
            }
        } catch (IOException e) {
            throw new LabFault(400, "[Request syntactically incorrect: " + e.getMessage().lines().findFirst()
                    .orElse("") + "]");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The object {@code p} stands at the start of, as element {@code name}. */
    private static void element(JsonParser p, String name, StringBuilder out) throws IOException {
        StringBuilder attributes = new StringBuilder();
        StringBuilder children = new StringBuilder();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String field = p.currentName();
            if (!field.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new LabFault(400, "[Request syntactically incorrect: no such element: " + field + "]");
            }
            JsonToken v = p.nextToken();
            if ((field.equals("href") || field.equals("id")) && v.isScalarValue()) {
                attributes.append(' ').append(field).append("=\"").append(escape(p.getText())).append('"');
            } else if (v == JsonToken.START_ARRAY) {
                for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
                    member(p, item, field, children);
                }
            } else {
                member(p, v, field, children);
            }
        }
        out.append('<').append(name).append(attributes).append('>').append(children).append("</").append(name)
                .append('>');
    }

    private static void member(JsonParser p, JsonToken t, String name, StringBuilder out) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            element(p, name, out);
        } else if (t == JsonToken.START_ARRAY) {
            throw new LabFault(400, "[Request syntactically incorrect: an array in an array at " + name + "]");
        } else if (t != JsonToken.VALUE_NULL) {
            out.append('<').append(name).append('>').append(escape(p.getText())).append("</").append(name)
                    .append('>');
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
