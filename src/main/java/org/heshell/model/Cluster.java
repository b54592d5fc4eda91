package org.heshell.model;

public record Cluster(String id, String name, String version) {
}
