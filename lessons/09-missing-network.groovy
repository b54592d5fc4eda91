// Lesson 9: a re-added host that comes back Non Operational, because a network its cluster requires is missing on it.
lesson('missing-network', version: 2) {
    title 'A re-added host Non Operational: a required network is missing'
    setup 'lab reset', "backup-she --failover 'Host 1'", 'lab break engine', 'lab scenario missing-network'

    step('restore') {
        text '''
            The engine is gone and a backup with Host 1 as the failover host is in the catalog, as in lesson 3.
            One thing is different, and nothing in the plan can see it: after the disaster host3.lab.example was
            reinstalled, and its second NIC no longer carries the cluster's `storage` network (`lab machines`).
            Restore on Host 1 as in lesson 3 and watch the step that adds Host 3 again:
              restore-she {backup} --deploy-on 'Host 1''''
        why 'the other hosted-engine hosts are removed and added again; the restored Manager checks each one against its cluster, as it checks every host it adds (docs/procedure.md, "Restoring", step 4)'
        check { managerUp && engineHost == 'Host 1' && host('Host 3')?.status == NON_OPERATIONAL }
        hint 'As in lesson 3: restore-she with the failover host.'
        hint "restore-she {backup} --deploy-on 'Host 1'"
        solution 'restore-she {backup} --deploy-on "Host 1"'
    }

    step('read') {
        text '''
            The restore stopped: Host 3 was installed, but the Manager set it Non Operational. The Manager says
            why in its audit log: `events --host 'Host 3'` (the warning with code 519). Which network does Host 3
            lack? Answer with: tutorial answer NETWORK'''
        why 'a host that lacks a network its cluster requires cannot run the cluster\'s VMs, so the Manager will not let it run any (docs/procedure.md, "Failures real restores hit": a required network missing)'
        check { answer != null && answer.strip().equalsIgnoreCase('storage') && missingNetworks('host3.lab.example') == ['storage'] }
        hint '`events --host \'Host 3\'` shows what the Manager logged for it, newest first.'
        hint 'tutorial answer storage'
        solution 'tutorial answer storage'
    }

    step('attach') {
        text '''
            Give Host 3 the network, as Setup Host Networks in the Administration Portal does: attach `storage`
            to its NIC eth1 (`help host attach-network`). Then activate it; the Manager checks its networks
            again and brings it Up (left alone, its auto-recovery would do the same within five minutes).'''
        why 'the fix is on the host, not in the Manager: attach the network the cluster requires, then activate the host (docs/procedure.md, "Failures real restores hit": a required network missing)'
        check { missingNetworks('host3.lab.example').isEmpty() && host('Host 3')?.status == UP }
        mistake('removed', 'Host 3 is gone from the Manager: removing it does not give it the network, and adding it again will fail the same way. `restore run` adds it again; attach the network first this time.') {
            managerUp && host('Host 3') == null
        }
        hint 'host attach-network takes the host, the network and the NIC; then host activate.'
        hint "host attach-network 'Host 3' storage eth1, then host activate 'Host 3'"
        solution 'host attach-network "Host 3" storage eth1; host activate "Host 3"'
    }

    step('finish') {
        text '''
            Host 3 is Up. Let the restore go on where it stopped: `restore run ID` (the journal id it named). It
            finds Host 3 Up with hosted engine, waits for its HA score, and compares with the backup.'''
        why 'an interrupted restore goes on from the first step not done (docs/procedure.md, "Restoring", step 4)'
        check { newRestore?.steps()?.every { it.state() == 'done' } && ['Host 1', 'Host 2', 'Host 3'].every { host(it)?.status == UP && host(it).hostedEngine.score > 0 } }
        hint '`restore list` shows the restore and where it stopped.'
        hint 'restore run <the journal id>'
        solution 'restore run {restore}'
    }

    learned 'A host added again is checked against its cluster: a required network it lacks makes it Non Operational.',
            'The Manager names the missing network in its audit log (event 519); no plan can see it beforehand.',
            'Attach the network on the host (Setup Host Networks), activate it, and let the restore go on.'
}
