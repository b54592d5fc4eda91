package org.heshell.restore;

/**
 * A step of a restore: {@code id} is stable (the journal keys on it), {@code host} names the host a per-host step
 * is about (empty otherwise), {@code why} says which rule of the procedure it carries out.
 */
public record PlanStep(String id, String title, String host, String why) {
}
