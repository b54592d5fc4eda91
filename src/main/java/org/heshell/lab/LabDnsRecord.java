package org.heshell.lab;

/** One record of the lab's DNS: {@code A} name → address, or {@code PTR} address → name. */
public record LabDnsRecord(String type, String name, String value) {
}
