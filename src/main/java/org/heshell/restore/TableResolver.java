package org.heshell.restore;

import java.util.List;
import java.util.Optional;

/** Resolution from a table of A and PTR records: the lab's DNS. */
public record TableResolver(List<Record> records) implements Resolver {
    /** {@code type} A: name → value (address); PTR: name (address) → value (FQDN). */
    public record Record(String type, String name, String value) {
    }

    public TableResolver {
        records = List.copyOf(records);
    }

    @Override
    public List<String> forward(String name) {
        return records.stream().filter(r -> r.type().equals("A") && r.name().equalsIgnoreCase(name))
                .map(Record::value).toList();
    }

    @Override
    public Optional<String> reverse(String ip) {
        return records.stream().filter(r -> r.type().equals("PTR") && r.name().equals(ip)).map(Record::value)
                .findFirst();
    }
}
