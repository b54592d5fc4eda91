// Lesson 4: a backup taken without a failover host, and why none of the hosts it names may deploy.
lesson('loaded-host', version: 2) {
    title 'No failover host: deploy on a host the backup does not know'
    setup 'lab reset', 'backup create', 'lab break engine'

    step('refused') {
        text '''
            This time the backup was taken with `backup create` alone, while every host carried VMs: `backup list`
            shows none in its FAILOVER HOST column. Then the engine was lost. Plan the restore on Host 1, as in
            lesson 3:
              restore plan {backup} --deploy-on 'Host 1''''
        why 'a host that carried VMs at backup time may not deploy when it shares a name, FQDN or IP with a host of the backup: the restored database still gives that host its VMs, and the new host cannot synchronize with the engine VM (docs/procedure.md, rule `identifiers`)'
        check { lastPlan?.deployFqdn() == 'host1.lab.example' && 'identifiers' in lastPlan.blockers()*.rule() }
        hint '`restore plan` takes the backup id and --deploy-on HOST, as in lesson 3.'
        hint "restore plan {backup} --deploy-on 'Host 1'"
        solution 'restore plan {backup} --deploy-on "Host 1"'
    }

    step('new-host') {
        text '''
            Read the ✗ line: Host 1 shares its name, FQDN and IP with the Host 1 of the backup, which ran two VMs.
            Hosts 2 and 3 did too. The way out is a new host: one whose name, FQDN and IPs match no host of the
            backup. `lab machines` lists the lab's machines; find the one the backup does not know and plan the
            restore on it.'''
        why 'a new host deploys with no old record to collide with, so no failover host is needed (docs/procedure.md, "Failures real restores hit": no failover host)'
        check { lastPlan != null && !lastPlan.blocked() && lastPlan.oldRecord().isEmpty() }
        mistake('another-old-host', 'Hosts 2 and 3 carried VMs at backup time as well: every host this backup names is refused. Look for a machine it does not name (`lab machines`).') {
            lastPlan?.deployFqdn() in ['host2.lab.example', 'host3.lab.example']
        }
        hint '`lab machines` lists four machines besides the engine VM; `backup inspect ID` (or `map --before ID`) the hosts the backup names.'
        hint 'restore plan {backup} --deploy-on host4.lab.example'
        solution 'restore plan {backup} --deploy-on host4.lab.example'
    }

    step('restore') {
        text '''
            Restore on it with the plan you saved:
              restore run {restore}
            The new host deploys the engine VM; Hosts 1, 2 and 3 all come back Non Operational and are re-deployed.
            Afterwards, `map --before {backup}` shows the backup's picture beside the one now.'''
        why 'without a failover host, every old hosted-engine host is re-deployed after the restore (docs/procedure.md, "Restoring", step 4)'
        check { managerUp && engineHost == 'host4.lab.example' && ['Host 1', 'Host 2', 'Host 3'].every { host(it)?.status == UP && host(it).hostedEngine.score > 0 } }
        hint '`restore run` carries out the plan you saved; run it again if anything stops it.'
        hint 'restore run <the journal id from restore plan> (or restore-she <backup> --deploy-on host4.lab.example)'
        solution 'restore-she {backup} --deploy-on host4.lab.example'
    }

    learned 'A backup without a failover host names every host as it was, with its VMs: none of them may deploy.',
            'A new host, whose name, FQDN and IPs match no host of the backup, deploys the restored engine instead.',
            'Take backups with backup-she: its failover host spares you the extra host and a re-deployment.'
}
