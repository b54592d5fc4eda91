// Lesson 5: what happens when the deploying host's old record stays in the restored Manager, and how to recover.
lesson('old-record', version: 2) {
    title 'Leave the old host record in place, read the failure, recover'
    setup 'lab reset', "backup-she --failover 'Host 1'", 'lab break engine'

    step('plan') {
        text '''
            The lab is as at the start of lesson 3: a backup with Host 1 as the failover host, and the engine gone.
            Plan the restore on Host 1, and find the step that removes old Host 1 from the restored Manager:
              restore plan {backup} --deploy-on 'Host 1''''
        why 'the restored database holds the failover host as it was at backup time, under the name, FQDN and IP the new host brings (docs/procedure.md, "Restoring", step 2)'
        check { newRestore?.plan()?.oldRecord() == 'Host 1' || (lastPlan?.oldRecord() == 'Host 1' && !lastPlan.blocked()) }
        hint '`restore plan` with the failover host, as in lesson 3.'
        hint "restore plan {backup} --deploy-on 'Host 1'"
        solution 'restore plan {backup} --deploy-on "Host 1"'
    }

    step('leave-it') {
        text '''
            Now do what real restores too often do: deploy without removing old Host 1. Run the plan, telling heshell
            you will see to that step yourself (and then do not):
              restore run {restore} --skip remove-old-host
            Watch hosted-engine: the backup is restored, engine-setup runs, and then adding the host fails.'''
        why 'while the old record is there, the Manager refuses the new host under the name, FQDN and IP the old one holds, and the deployment cannot finish (docs/procedure.md, "Failures real restores hit": the old record left in place)'
        check { restoreStep('deploy') == 'failed' && !managerUp }
        mistake('removed-anyway', 'That restore removed old Host 1 at the deployment\'s pause, as the procedure says, and went through: nothing failed to learn from. `tutorial reset` sets the lesson up again.') {
            managerUp && engineHost == 'Host 1'
        }
        hint '`help restore run` shows how to tell heshell a step is yours.'
        hint 'restore run <the journal id> --skip remove-old-host'
        solution 'restore run {restore} --skip remove-old-host'
    }

    step('read') {
        text '''
            Read the failure: which record did the restored Manager still hold, and refuse the new host for?
            (`restore status` shows the failed step again.) Answer with: tutorial answer NAME'''
        why 'the deployment\'s error names what the Manager refused; the record it refuses for is the one to remove'
        check { answer != null && newRestore?.plan()?.oldRecord() && answer.strip().toLowerCase() in [newRestore.plan().oldRecord().toLowerCase(), newRestore.plan().deployFqdn().toLowerCase()] && !managerUp }
        hint 'The ✗ line of the failed deploy step: "... is still in the restored Manager".'
        hint 'tutorial answer Host 1'
        solution 'tutorial answer Host 1'
    }

    step('recover') {
        text '''
            Recover: run the plan again, this time letting heshell remove old Host 1 at the deployment's pause:
              restore run {restore}
            The failed deployment left no engine behind, so heshell deploys afresh; the steps already done (the
            copy) are not repeated.'''
        why 'a failed deployment is started again from the top; the old record goes before the new host is added (docs/procedure.md, "Restoring", step 2)'
        check { managerUp && engineHost == 'Host 1' && ['Host 1', 'Host 2', 'Host 3'].every { host(it)?.status == UP } }
        mistake('skipped-again', 'Skipping remove-old-host again fails the same way: the record is still there. Run the plan without --skip.') {
            restoreStep('deploy') == 'failed' && newRestore.steps().find { it.id() == 'deploy' }.finished()?.isAfter(stepStarted)
        }
        hint '`restore run` without --skip does every step of the plan.'
        hint 'restore run <the journal id>'
        solution 'restore run {restore}'
    }

    learned 'Old Host 1 in the restored Manager refuses the new Host 1: adding the host fails and the deployment stops.',
            'The error names the record still in the Manager; remove it before the host is added (or let heshell do it).',
            'A failed deployment is simply run again: heshell goes on from the first step not done.'
}
