package org.heshell.render;

import org.heshell.model.HostStatus;
import org.heshell.model.VmStatus;
import org.jline.utils.AttributedStyle;

/** Colours by meaning: healthy green, in-between yellow, broken red. */
final class Style {
    static final AttributedStyle PLAIN = AttributedStyle.DEFAULT;
    static final AttributedStyle GOOD = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle BUSY = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    static final AttributedStyle BAD = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold();
    static final AttributedStyle HEADER = AttributedStyle.DEFAULT.bold();
    static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
    static final AttributedStyle ENGINE = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN).bold();

    private Style() {
    }

    static AttributedStyle of(HostStatus s) {
        return switch (s) {
            case UP -> GOOD;
            case MAINTENANCE, PREPARING_FOR_MAINTENANCE, INSTALLING, INITIALIZING, CONNECTING, REBOOT, UNASSIGNED,
                 PENDING_APPROVAL -> BUSY;
            default -> BAD;
        };
    }

    static AttributedStyle of(VmStatus s) {
        return switch (s) {
            case UP -> GOOD;
            case DOWN -> DIM;
            case NOT_RESPONDING, UNKNOWN -> BAD;
            default -> BUSY;
        };
    }
}
