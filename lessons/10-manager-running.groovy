// Lesson 10: a Manager that stopped answering, while its engine VM still runs.
lesson('manager-running', version: 2) {
    title 'A restore into a Manager that is still running'
    setup 'lab reset', "backup-she --failover 'Host 1'", 'lab scenario engine-still-running'

    step('refused') {
        text '''
            The Manager stopped answering: `hosts` fails, the Administration Portal too. It looks like lesson 3's
            disaster. Before anything else, plan the restore on the failover host:
              restore plan {backup} --deploy-on 'Host 1''''
        why 'a restore deploys a new engine VM with the old one\'s FQDN and address; nothing in hosted-engine --deploy checks that the old one is gone (docs/procedure.md, rule `manager`)'
        check { 'manager' in (lastPlan?.blockers()*.rule() ?: []) && engineState == 'hung' }
        hint '`restore plan` with the failover host, as in lesson 3; read the [manager] line.'
        hint "restore plan {backup} --deploy-on 'Host 1'"
        solution 'restore plan {backup} --deploy-on "Host 1"'
    }

    step('shut-down') {
        text '''
            The API is dead, but the HA agents on the hosts still see the engine VM up on host2.lab.example, with
            bad health (`engine-vm status` asks them). A restore now would make two engines. If the engine only
            hung, restarting its VM would be the cure; suppose its database is damaged, so restore it: first shut
            the old engine VM down for good, in global maintenance so that the HA agents do not start it again
            (`help engine-vm`).'''
        why 'the old engine VM must be gone, or shut down and kept down, before a new one is deployed (docs/procedure.md, "Failures real restores hit": a Manager still running)'
        check { engineState == 'down' && !managerUp }
        mistake('broke-instead', 'That destroyed the old engine VM rather than shutting it down; it comes to the same for the restore, but on real hosts shut it down: its disk may still be needed.') {
            engineState == 'gone'
        }
        hint 'The engine VM\'s own command works over SSH on the hosts, while the Manager does not answer.'
        hint 'engine-vm shutdown'
        solution 'engine-vm shutdown'
    }

    step('restore') {
        text '''
            Plan again: [manager] passes, the agents see the engine VM on no host. Restore on Host 1
            (`restore-she {backup} --deploy-on 'Host 1'`). The new engine VM comes with new HA metadata: global
            maintenance is off again after it.'''
        why 'with the old engine VM shut down, the restore goes as in lesson 3 (docs/procedure.md, "Restoring")'
        check { managerUp && engineHost == 'Host 1' && ['Host 1', 'Host 2', 'Host 3'].every { host(it)?.status == UP } }
        mistake('restarted', 'The engine VM runs again (`engine-vm start`, or the HA agents outside global maintenance): that was the cure for a hung engine, not a restore. `tutorial reset` sets the lesson up again.') {
            managerUp && engineHost == 'Host 2'
        }
        hint 'As in lesson 3.'
        hint "restore-she {backup} --deploy-on 'Host 1'"
        solution 'restore-she {backup} --deploy-on "Host 1"'
    }

    learned 'A Manager that stops answering may still run: its engine VM and the HA agents go on.',
            '`restore plan` asks the HA agents too, and refuses to deploy a second engine beside a running one.',
            'Shut the old engine VM down in global maintenance first (engine-vm shutdown); or, if it only hung, restart it.'
}
