package org.heshell.lab;

import java.nio.file.Path;

/** What a client needs to reach a lab like a real engine: API URL, CA file, user and the file with the password. */
public record LabEndpoint(String apiUrl, Path caFile, String user, Path passwordFile, long pid) {
}
