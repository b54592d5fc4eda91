package org.heshell.lab;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

/**
 * An element of an API answer as the lab writes it, and the writer that puts it on the wire as the engine's JAXB
 * does: the children of each element in its type's schema order ({@link LabSchema}), {@code href} and {@code id} as
 * attributes, dates as {@code xs:dateTime}, four-space indentation. Children may be added in any order.
 */
final class LabXml {
    private static final DatatypeFactory DATES;

    static {
        try {
            DATES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<LabXml> children = new ArrayList<>();
    private String text;
    private Object value; // the text's value as given: a JSON answer writes numbers, booleans and dates as such

    private LabXml(String name) {
        this.name = name;
    }

    static LabXml element(String name) {
        return new LabXml(name);
    }

    /** A reference to an object: {@code <name href="..." id="..."/>}. */
    static LabXml ref(String name, String href, String id) {
        return element(name).attr("href", href).attr("id", id);
    }

    /** {@code <link href="..." rel="..."/>}, as the engine links an object to its sub-collections. */
    static LabXml link(String href, String rel) {
        return element("link").attr("href", href).attr("rel", rel);
    }

    String name() {
        return name;
    }

    /** An attribute's value, or null. */
    String attribute(String key) {
        return attributes.get(key);
    }

    List<LabXml> children() {
        return children;
    }

    Map<String, String> attributes() {
        return attributes;
    }

    /** The value of a text element as it was given ({@code Long}, {@code Boolean}, {@code Instant} ...), or null. */
    Object value() {
        return value;
    }

    /** An attribute; none when {@code value} is null. */
    LabXml attr(String key, Object value) {
        if (value != null) {
            attributes.put(key, format(value));
        }
        return this;
    }

    /** A child element holding {@code value} as text; none when {@code value} is null. */
    LabXml add(String child, Object value) {
        if (value != null) {
            LabXml e = element(child);
            e.text = format(value);
            e.value = value;
            children.add(e);
        }
        return this;
    }

    /** A child element; none when null. */
    LabXml add(LabXml child) {
        if (child != null) {
            children.add(child);
        }
        return this;
    }

    LabXml addAll(List<LabXml> more) {
        more.forEach(this::add);
        return this;
    }

    /** This element as a document of the schema's {@code type} ({@code Host}, or {@code Host[]} for a collection). */
    byte[] document(String type) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        write(out, type, 0);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void write(StringBuilder out, String type, int depth) {
        out.append("    ".repeat(depth)).append('<').append(name);
        attributes.forEach((k, v) -> out.append(' ').append(k).append("=\"").append(escape(v, true)).append('"'));
        if (text != null) {
            out.append('>').append(escape(text, false)).append("</").append(name).append(">\n");
            return;
        }
        if (children.isEmpty()) {
            out.append("/>\n");
            return;
        }
        out.append(">\n");
        if (type != null && type.endsWith("[]")) {
            String item = type.length() == 2 ? null : type.substring(0, type.length() - 2);
            for (LabXml c : children) {
                c.write(out, item, depth + 1);
            }
        } else {
            if (type == null) {
                throw new IllegalStateException("<" + name + "> has children but the schema gives it none");
            }
            List<LabXml> ordered = new ArrayList<>(children);
            ordered.sort(Comparator.comparingInt(c -> LabSchema.API.member(type, c.name).rank()));
            for (LabXml c : ordered) {
                c.write(out, LabSchema.API.member(type, c.name).type(), depth + 1);
            }
        }
        out.append("    ".repeat(depth)).append("</").append(name).append(">\n");
    }

    private static String format(Object value) {
        if (value instanceof Instant i) {
            GregorianCalendar c = new GregorianCalendar();
            c.setTimeInMillis(i.toEpochMilli());
            return DATES.newXMLGregorianCalendar(c).toXMLFormat();
        }
        return String.valueOf(value);
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append(attribute ? "&quot;" : "\"");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
