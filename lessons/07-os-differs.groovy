// Lesson 7: a deploying host, or an appliance, on another OS release than the backup's.
lesson('os-differs', version: 2) {
    title 'Another OS release than the backup\'s'
    setup 'lab reset', "backup-she --failover 'Host 1'", 'lab break engine', 'lab scenario host-os-differs'

    step('refused') {
        text '''
            The failover host was reinstalled after the disaster, and with the newest release at hand: host1.lab.example
            now runs RHEL 9.4, while the backup's hosts ran 8.10 (`lab machines`). Plan the restore on Host 1:
              restore plan {backup} --deploy-on 'Host 1''''
        why 'the procedure requires the new host and the new Manager to run the OS release of the originals; the packages and the restored configuration are made for it (docs/procedure.md, rules `os-host` and `os-manager`)'
        check { 'os-host' in (lastPlan?.blockers()*.rule() ?: []) && os('host1.lab.example') != '8.10' }
        hint '`restore plan` with the failover host; read the [os-host] line.'
        hint "restore plan {backup} --deploy-on 'Host 1'"
        solution 'restore plan {backup} --deploy-on "Host 1"'
    }

    step('reinstall') {
        text '''
            Reinstall Host 1 with the backup's release. On the lab, `lab os MACHINE VERSION` stands for the
            reinstallation: give host1.lab.example RHEL 8.10 again. (The appliance must match too: [os-manager]
            compares the one on the host, `lab machines`, with the original Manager's.)'''
        why 'only the original release restores as the backup expects (docs/procedure.md, "Failures real restores hit": another OS release)'
        check { os('host1.lab.example') == '8.10' && appliance?.endsWith('.el8') }
        mistake('appliance-el9', 'That appliance is built on RHEL 9, but the original Manager ran RHEL 8.10: [os-manager] would block now. Give the hosts the el8 appliance again (lab os appliance 4.5-20241010.1.el8).') {
            appliance?.contains('.el9')
        }
        hint '`help lab os` shows how to give a machine another release.'
        hint 'lab os host1.lab.example 8.10'
        solution 'lab os host1.lab.example 8.10'
    }

    step('restore') {
        text '''
            Plan again: [os-host] passes. Restore on Host 1 (`restore-she {backup} --deploy-on 'Host 1'`).'''
        why 'with the original release on the host and the appliance, the restore goes as in lesson 3'
        check { managerUp && engineHost == 'Host 1' && ['Host 1', 'Host 2', 'Host 3'].every { host(it)?.status == UP } }
        hint 'As in lesson 3.'
        hint "restore-she {backup} --deploy-on 'Host 1'"
        solution 'restore-she {backup} --deploy-on "Host 1"'
    }

    learned 'A restore is supported only onto the OS release of the original hosts and Manager.',
            '`restore plan` compares the deploying host\'s /etc/os-release and the appliance\'s release with the backup\'s.',
            'Reinstall the host with the original release before restoring; upgrade the OS afterwards.'
}
