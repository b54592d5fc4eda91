// Lesson 1: the picture the procedure starts from. Each step is checked against the lab's real state.
lesson('environment', version: 2) {
    title 'The environment: hosts, VMs, the engine VM and maintenance'
    setup 'lab reset'

    step('engine-vm') {
        text '''
            In a self-hosted engine the Manager runs as a VM, HostedEngine, on the very hosts it manages.
            Look at the environment with `hosts`, `vms` and `map`. Which host runs the engine VM?
            Answer with: tutorial answer HOST'''
        why 'every step of the procedure depends on where the engine VM runs (docs/procedure.md, "Why a self-hosted engine needs a procedure of its own")'
        check { engineHost != null && sameHost(answer, engineHost) }
        hint 'The engine VM is marked with ◆ in `hosts` and in `map`.'
        hint 'Run `map`, find HostedEngine ◆, and answer with its host: tutorial answer Host 2'
        solution 'tutorial answer Host 2'
    }

    step('maintenance') {
        text '''
            Put Host 3 into maintenance and watch the Manager migrate its VMs to the other hosts:
            a host in maintenance runs no VM.'''
        why 'maintenance is how the procedure frees a host of its load before a backup (docs/procedure.md, "Taking the backup")'
        check { host('Host 3')?.status == MAINTENANCE && vmsOn('Host 3').isEmpty() }
        mistake('engine-host', 'Host 2 carried the engine VM: maintenance there moved the Manager itself to another host. It is not what this step asks; activate Host 2 again.') {
            host('Host 2')?.status in [MAINTENANCE, PREPARING_FOR_MAINTENANCE]
        }
        hint 'Which host state makes the Manager move every VM away? `help host` lists what you can do to a host.'
        hint "host maintenance 'Host 3'"
        solution "host maintenance 'Host 3'"
    }

    step('score') {
        text '''
            Run `hosts` again and read the SCORE column: the hosted-engine HA score says how fit a host is to run
            the engine VM. What is Host 3's score now? Answer with: tutorial answer N'''
        why 'a host in maintenance can never take the engine VM, so its HA agent reports 0; a restore looks at these scores too'
        check { answer != null && answer == String.valueOf(host('Host 3')?.hostedEngine?.score) }
        hint 'The SCORE column of `hosts`, on the line of Host 3.'
        hint 'A host in maintenance scores 0: tutorial answer 0'
        solution 'tutorial answer 0'
    }

    step('activate') {
        text '''
            Activate Host 3 again. It comes back Up, its score returns, and it can take VMs again.'''
        why 'a host left in maintenance is capacity lost, and a failover host is activated again after the backup'
        check { host('Host 3')?.status == UP && host('Host 3').hostedEngine.score > 0 }
        hint 'The opposite of maintenance is in `help host`.'
        hint "host activate 'Host 3'"
        solution "host activate 'Host 3'"
    }

    learned 'The engine VM (HostedEngine) runs on one of the hosts it manages; `hosts` and `map` show which.',
            'Maintenance migrates a host\'s VMs away and drops its HA score to 0; activating brings both back.',
            'The lesson started from the procedure\'s first picture: the engine VM on Host 2, six VMs over three hosts.'
}
