// Lesson 2: the backup the procedure asks for, taken with a failover host.
lesson('backup-with-failover', version: 2) {
    title 'Take a backup a restore can trust: with a failover host'
    setup 'lab reset'

    step('free-host-1') {
        text '''
            Before the backup, free Host 1 of every VM: put it into maintenance. A host that is in Maintenance
            and runs no VM when the backup is taken is the failover host: the one that can later deploy the
            restored engine.'''
        why 'after a restore, the database still holds every host as it was at backup time; a host that carried VMs then cannot deploy the restored engine if it shares its name, FQDN or IP with one of them, while the failover host\'s old record can simply be removed (docs/procedure.md, "Why a self-hosted engine needs a procedure of its own")'
        check { (host('Host 1')?.status == MAINTENANCE && vmsOn('Host 1').isEmpty()) || newBackup?.failoverHost() == 'Host 1' }
        mistake('no-failover', 'That backup was taken while no host was free: it has no failover host, so restoring it needs a new host whose name, FQDN and IP match no host in the backup. Free Host 1 first, then back up again.') {
            newBackup != null && newBackup.failoverHost() == null
        }
        hint 'The state that empties a host was lesson 1\'s second step.'
        hint "host maintenance 'Host 1' (prepare-failover 'Host 1' does the same and checks the host can be one)"
        solution "prepare-failover 'Host 1'"
    }

    step('backup') {
        text '''
            While Host 1 is free, take the backup: `backup create` runs engine-backup on the engine VM, fetches
            the archive off it, checks it against the engine's checksum and verifies every entry. Then look at
            `backup list`: its FAILOVER HOST column names Host 1.'''
        why 'the backup records the picture of the moment it is taken; only a backup taken now records Host 1 as free (docs/procedure.md, "Taking the backup")'
        check { newBackup?.verified() && newBackup?.failoverHost() == 'Host 1' }
        mistake('activated-early', 'Host 1 is Up again, but the backup is not taken yet: a backup now would have no failover host. Put Host 1 into maintenance again first.') {
            host('Host 1')?.status == UP && stepBackup?.failoverHost() != 'Host 1'
        }
        mistake('taken-loaded', 'That backup names no failover host: Host 1 was not in Maintenance without VMs when it was taken. Put Host 1 into maintenance again, then back up again.') {
            stepBackup != null && stepBackup.failoverHost() == null
        }
        hint 'One of the `backup` commands takes a new backup; `help backup` lists them.'
        hint 'backup create'
        solution 'backup create'
    }

    step('activate') {
        text '''
            Activate Host 1 again: the backup keeps the picture, and the host can carry VMs (and the engine VM)
            in the meantime.'''
        why 'the failover host only has to be free at the moment of the backup (docs/procedure.md, "Taking the backup", step 4)'
        check { host('Host 1')?.status == UP && newBackup?.failoverHost() == 'Host 1' }
        hint 'As at the end of lesson 1.'
        hint "host activate 'Host 1'"
        solution "host activate 'Host 1'"
    }

    learned 'A backup is taken with a failover host: a hosted-engine host in Maintenance with no VMs at that moment.',
            'engine-backup runs on the engine VM; heshell fetches the archive off it and verifies it entry by entry.',
            'backup-she --failover \'Host 1\' does all three steps, and activates the host again if anything fails.'
}
