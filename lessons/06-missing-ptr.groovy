// Lesson 6: a deploying host without its reverse DNS record.
lesson('missing-ptr', version: 2) {
    title 'A missing reverse DNS record'
    setup 'lab reset', "backup-she --failover 'Host 1'", 'lab break engine', 'lab scenario missing-ptr'

    step('refused') {
        text '''
            A backup with Host 1 as the failover host is in the catalog and the engine is gone; but someone tidied
            the DNS and host1.lab.example's reverse record went with it (`lab dns` shows the table). Plan the restore
            on Host 1 and read what blocks:
              restore plan {backup} --deploy-on 'Host 1''''
        why 'hosted-engine deployment and engine-setup look the host up both ways, FQDN to IP and IP back to the same FQDN, and stop when either fails (docs/procedure.md, rule `dns-host`)'
        check { 'dns-host' in (lastPlan?.blockers()*.rule() ?: []) && !resolves('host1.lab.example') }
        hint '`restore plan` with the failover host, as in lesson 3; the ✗ line names the rule.'
        hint "restore plan {backup} --deploy-on 'Host 1'"
        solution 'restore plan {backup} --deploy-on "Host 1"'
    }

    step('add-ptr') {
        text '''
            The ✗ line says what is missing: 192.0.2.11 has no PTR record. Put it back, pointing to the host's FQDN,
            so that host1.lab.example → 192.0.2.11 → host1.lab.example. `help lab dns` shows how.'''
        why 'the reverse lookup must give back exactly the FQDN the host is deployed as (docs/procedure.md, "Failures real restores hit": a missing reverse DNS record)'
        check { resolves('host1.lab.example') }
        mistake('wrong-name', 'That PTR record points 192.0.2.11 to another name: the reverse lookup must give back host1.lab.example itself. Remove it (lab dns remove PTR 192.0.2.11) and add the right one.') {
            lab?.dns()?.any { it.type() == 'PTR' && it.name() == '192.0.2.11' && !it.value().equalsIgnoreCase('host1.lab.example') }
        }
        mistake('forward-gone', 'The A record of host1.lab.example is gone too now: the forward lookup fails as well. Add it back (lab dns add A host1.lab.example 192.0.2.11).') {
            lab != null && !lab.dns().any { it.type() == 'A' && it.name().equalsIgnoreCase('host1.lab.example') }
        }
        hint 'A PTR record maps an address to a name: lab dns add PTR ADDRESS NAME.'
        hint 'lab dns add PTR 192.0.2.11 host1.lab.example'
        solution 'lab dns add PTR 192.0.2.11 host1.lab.example'
    }

    step('restore') {
        text '''
            Plan again: every check passes. Restore on Host 1 (`restore-she {backup} --deploy-on 'Host 1'`, or
            `restore plan` then `restore run ID`).'''
        why 'with DNS complete the restore goes as in lesson 3 (docs/procedure.md, "Restoring")'
        check { managerUp && engineHost == 'Host 1' && ['Host 1', 'Host 2', 'Host 3'].every { host(it)?.status == UP } }
        hint 'As in lesson 3.'
        hint "restore-she {backup} --deploy-on 'Host 1'"
        solution 'restore-she {backup} --deploy-on "Host 1"'
    }

    learned 'A deployment needs its host, and the engine, to resolve both ways: FQDN → IP → the same FQDN.',
            '`restore plan` checks both lookups first, where a deployment would stop half-way.',
            'Fix the record itself (here `lab dns add PTR`), then plan again.'
}
