package org.heshell.command;

import java.util.List;
import java.util.Optional;

/** The lab's site for completion: read from its loopback control, nothing when this shell has no lab. */
final class LabSites {
    private LabSites() {
    }

    static Optional<LabSiteSettings> site(CommandContext ctx) {
        try {
            return Optional.ofNullable(ctx.connector()).map(c -> c.labSite(null));
        } catch (RuntimeException e) {
            return Optional.empty(); // a real Manager, or a lab that does not answer: no candidates
        }
    }

    static List<String> machines(CommandContext ctx) {
        return site(ctx).map(s -> s.machines().stream().map(LabSiteSettings.Machine::fqdn).toList())
                .orElse(List.of());
    }
}
