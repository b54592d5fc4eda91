package org.heshell.command;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.heshell.restore.TableResolver;

/**
 * Completion candidates for `lab dns`, word by word: add or remove, then A or PTR, then for remove the names of
 * the records there are, for add a machine's FQDN and address.
 */
public final class LabDnsWords implements Iterable<String>, AfterArguments {
    private final CommandContext ctx;

    public LabDnsWords(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Iterator<String> iterator() {
        return after(List.of()).iterator();
    }

    @Override
    public List<String> after(List<String> before) {
        if (before.isEmpty()) {
            return List.of("add", "remove");
        }
        if (before.size() == 1) {
            return List.of("A", "PTR");
        }
        LabSiteSettings site = LabSites.site(ctx).orElse(null);
        if (site == null || before.size() > 3) {
            return Collections.emptyList();
        }
        String type = before.get(1).toUpperCase(java.util.Locale.ROOT);
        if (before.get(0).equals("remove") && before.size() == 2) {
            return site.dns().stream().filter(r -> r.type().equalsIgnoreCase(type)).map(TableResolver.Record::name)
                    .distinct().toList();
        }
        if (!before.get(0).equals("add")) {
            return Collections.emptyList();
        }
        Stream<String> fqdns = site.machines().stream().map(LabSiteSettings.Machine::fqdn);
        Stream<String> ips = site.machines().stream().flatMap(m -> m.ips().stream());
        // A: NAME is an FQDN, VALUE an address; PTR the other way round
        boolean nameIsFqdn = type.equals("A") == (before.size() == 2);
        return (nameIsFqdn ? fqdns : ips).toList();
    }
}
