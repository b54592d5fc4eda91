// Lesson 8: a backup taken by a newer engine than the appliance the hosts would deploy.
lesson('newer-backup', version: 2) {
    title 'A backup newer than the appliance'
    setup 'lab reset', "backup-she --failover 'Host 1'", 'lab break engine', 'lab scenario old-appliance'

    step('refused') {
        text '''
            The Manager was upgraded over the years; the engine appliance on the hosts was not: it is still the one
            of the first deployment, ovirt-engine-appliance 4.4 (`lab machines`), while the backup is of oVirt 4.5.
            Plan the restore on Host 1:
              restore plan {backup} --deploy-on 'Host 1''''
        why 'engine-backup restores a backup only into the engine version that took it; a real deployment finds the difference only after it has installed the appliance and built the bootstrap VM, when engine-backup runs inside it (docs/procedure.md, rule `version`)'
        check { 'version' in (lastPlan?.blockers()*.rule() ?: []) && !appliance?.startsWith('4.5-') }
        hint '`restore plan` with the failover host; read the [version] line.'
        hint "restore plan {backup} --deploy-on 'Host 1'"
        solution 'restore plan {backup} --deploy-on "Host 1"'
    }

    step('appliance') {
        text '''
            heshell found it before anything was deployed. Install the appliance of the backup's version on the
            host (`dnf install ovirt-engine-appliance` of 4.5 on a real host; on the lab, `lab os appliance
            VERSION-RELEASE` stands for it): 4.5-20241010.1.el8, built on the original Manager's RHEL 8.'''
        why 'the appliance is the new Manager: it must carry the engine version of the backup and the OS release of the original Manager (docs/procedure.md, "Failures real restores hit": a backup newer than the appliance)'
        check { appliance?.startsWith('4.5-') && appliance.endsWith('.el8') }
        mistake('appliance-el9', 'That appliance is 4.5, but built on RHEL 9: the original Manager ran RHEL 8.10, so [os-manager] would block now. Use the el8 build (4.5-20241010.1.el8).') {
            appliance?.startsWith('4.5-') && appliance.contains('.el9')
        }
        hint '`help lab os` shows how to give the hosts another appliance.'
        hint 'lab os appliance 4.5-20241010.1.el8'
        solution 'lab os appliance 4.5-20241010.1.el8'
    }

    step('restore') {
        text '''
            Plan again: [version] passes. Restore on Host 1 (`restore-she {backup} --deploy-on 'Host 1'`).'''
        why 'with the backup\'s version in the appliance, engine-backup restores it before engine-setup runs'
        check { managerUp && engineHost == 'Host 1' && ['Host 1', 'Host 2', 'Host 3'].every { host(it)?.status == UP } }
        hint 'As in lesson 3.'
        hint "restore-she {backup} --deploy-on 'Host 1'"
        solution 'restore-she {backup} --deploy-on "Host 1"'
    }

    learned 'A backup restores only into the engine version that took it: the appliance must be of that version.',
            'A real deployment finds out late, in the bootstrap VM; `restore plan` compares the versions first.',
            'Keep the hosts\' appliance as current as the Manager: update it when you upgrade the engine.'
}
