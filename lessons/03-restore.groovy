// Lesson 3: the disaster and the restore, from the backup lesson 2 teaches to take.
lesson('restore', version: 2) {
    title 'The disaster and the restore on the failover host'
    setup 'lab reset', "backup-she --failover 'Host 1'", 'lab break engine'

    step('refused-on-host-2') {
        text '''
            The engine VM is gone (the lab broke it), the hosts and their VMs run on. The newest backup in the
            catalog, {backup}, was taken with Host 1 as the failover host (`backup list`). First see why not
            every host may deploy the restored engine: plan the restore on Host 2, which carried VMs at backup time:
              restore plan {backup} --deploy-on 'Host 2''''
        why 'a host that carried VMs at backup time cannot deploy if a host in the backup has its name, FQDN or IP (docs/procedure.md, rule `identifiers`)'
        check { (lastPlan?.deployOn() == 'Host 2' && lastPlan.blockers()*.rule().contains('identifiers')) || (managerUp && engineHost == 'Host 1') }
        hint '`restore plan` takes the backup id and --deploy-on HOST.'
        hint "restore plan {backup} --deploy-on 'Host 2'"
        solution 'restore plan {backup} --deploy-on "Host 2"'
    }

    step('plan-on-host-1') {
        text '''
            Read the ✗ line: Host 2's old record would block the deployment. Now plan on the failover host,
            Host 1: every check should pass, and the plan lists a step that removes old Host 1 from the
            restored Manager before the new Host 1 synchronizes.'''
        why 'the failover host carried nothing at backup time; its old record is removed before it synchronizes (docs/procedure.md, "Restoring", step 2)'
        check { (lastPlan?.deployOn() == 'Host 1' && !lastPlan.blocked()) || (managerUp && engineHost == 'Host 1') }
        hint 'The same command, with the failover host.'
        hint "restore plan {backup} --deploy-on 'Host 1'"
        solution 'restore plan {backup} --deploy-on "Host 1"'
    }

    step('restore') {
        text '''
            Run the plan: `restore run ID` (the journal id the plan printed). heshell copies the backup to Host 1,
            deploys a new engine VM that restores it before engine-setup, removes old Host 1 at the pause, and
            waits for the engine. Ctrl-C or a crash is safe: run it again and it goes on.'''
        why 'the restore itself: deploy, restore before engine-setup, remove the old record in time (docs/procedure.md, "Restoring", steps 1–2)'
        check { managerUp && engineHost == 'Host 1' }
        hint '`restore status` shows the plan you saved; `restore run` carries it out.'
        hint 'restore run <the journal id from restore plan> (or restore-she <backup> --deploy-on \'Host 1\')'
        solution 'restore-she {backup} --deploy-on "Host 1"'
    }

    step('hosts-back') {
        text '''
            The engine runs on Host 1. Hosts 2 and 3 came back Non Operational: their hosted-engine setup
            points at the old engine VM. `restore run` re-deploys them (maintenance, remove, add again with
            hosted-engine); when it is done, every host is Up with an HA score.'''
        why 'the other hosted-engine hosts are removed and added again with hosted-engine deployment (docs/procedure.md, "Restoring", step 4)'
        check { managerUp && ['Host 1', 'Host 2', 'Host 3'].every { host(it)?.status == UP && host(it).hostedEngine.score > 0 } }
        hint '`hosts` shows their state; `restore run ID` again goes on with what is left.'
        hint 'restore run <the journal id>'
        solution 'restore run {restore}'
    }

    step('compare') {
        text '''
            Compare with the backup: `map --before {backup}` draws the backup's picture beside the one now, and
            `backup diff {backup} live` lists what changed. The six VMs run as they did; one thing moved. On which
            host did the engine VM run when the backup was taken? Answer with: tutorial answer HOST'''
        why 'the end of the procedure: as before the backup, with the engine VM on the failover host (docs/procedure.md, "Restoring")'
        check { managerUp && runningVms == 6 && engineHost == 'Host 1' && sameHost(answer, 'Host 2') }
        hint '`map --before {backup}`: the left picture is the backup\'s; find HostedEngine ◆ in it.'
        hint 'Before the backup the engine VM ran on Host 2, as in lesson 1: tutorial answer Host 2'
        solution 'tutorial answer Host 2'
    }

    learned 'Plan first: `restore plan` checks every rule before anything changes, and says why a host is refused.',
            'The failover host deploys; its old record is removed from the restored Manager before it synchronizes.',
            'The other hosted-engine hosts come back Non Operational and are re-deployed; then compare with the backup.'
}
