package org.heshell.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab's XML writer: the schema's element order whatever order the lab adds them in. */
class LabXmlTest {
    private static List<String> elements(byte[] doc, String parentIndent) {
        return new String(doc, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith(parentIndent + "    <")
                && !l.startsWith(parentIndent + "    </")
                && !l.startsWith(parentIndent + "     ")).map(l -> l.strip().replaceFirst("^<([a-z_]+).*", "$1"))
                .toList();
    }

    @Test
    void childrenComeInTheSchemasOrderNotTheOrderAdded() {
        LabXml fault = LabXml.element("fault").add("reason", "Operation Failed").add("detail", "[x]");
        // the schema's Fault sequence is detail then reason (members sorted by name), whatever the SDK writes
        assertEquals(List.of("detail", "reason"), elements(fault.document("Fault"), ""));

        LabXml version = LabXml.element("version").add("revision", 0).add("minor", 5).add("major", 4)
                .add("full_version", "4.5.6-1.el8").add("build", 6);
        assertEquals(List.of("build", "full_version", "major", "minor", "revision"),
                elements(version.document("Version"), ""));

        // an identified type: actions, name, description, comment, links, its attributes, then its links
        LabXml host = LabXml.element("host").attr("href", "/h/1").attr("id", "1")
                .add(LabXml.ref("cluster", "/c/1", "1")).add("status", "up").add("address", "h.example")
                .add(LabXml.link("/h/1/nics", "nics")).add("comment", "").add("name", "H")
                .add(LabXml.element("actions").add(LabXml.link("/h/1/activate", "activate")));
        assertEquals(List.of("actions", "name", "comment", "link", "address", "status", "cluster"),
                elements(host.document("Host"), ""));
    }

    @Test
    void collectionsNestTheirItemsAndEmptyTextIsAnElementWithNoContent() {
        LabXml hosts = LabXml.element("hosts").add(LabXml.element("host").add("name", "a")
                .add(LabXml.element("os").add("type", "RHEL").add("custom_kernel_cmdline", "")));
        String doc = new String(hosts.document("Host[]"), StandardCharsets.UTF_8);
        assertTrue(doc.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<hosts>\n"
                + "    <host>\n        <name>a</name>\n        <os>\n"
                + "            <custom_kernel_cmdline></custom_kernel_cmdline>\n            <type>RHEL</type>\n"), doc);
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<hosts/>\n",
                new String(LabXml.element("hosts").document("Host[]"), StandardCharsets.UTF_8));
    }

    @Test
    void textAndAttributesAreEscapedAndDatesAreXsdDateTimes() {
        String doc = new String(LabXml.element("event").attr("href", "/e?a=1&b=\"2\"").add("description", "<a & b>")
                .add("time", Instant.parse("2026-01-02T03:04:05.678Z")).document("Event"), StandardCharsets.UTF_8);
        assertTrue(doc.contains("href=\"/e?a=1&amp;b=&quot;2&quot;\""), doc);
        assertTrue(doc.contains("<description>&lt;a &amp; b&gt;</description>"), doc);
        assertTrue(doc.matches("(?s).*<time>2026-01-0[12]T\\d\\d:\\d\\d:05\\.678(Z|[+-]\\d\\d:\\d\\d)</time>.*"), doc);
    }

    @Test
    void anElementTheSchemaDoesNotHaveIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LabXml.element("host").add("colour", "red").document("Host"));
        assertEquals("the API schema's Host has no element colour", e.getMessage());
    }
}
