package org.heshell.engine;

import java.time.Duration;

/** A VM that moved while we watched: from which host to which, and how long it took from our first sight. */
public record Migration(String vm, String from, String to, Duration took) {
}
