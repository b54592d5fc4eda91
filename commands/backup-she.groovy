// backup-she: the document's "Workflow for Backing Up the Self-Hosted Engine Environment" as one command.
// A failover host (a hosted-engine host not running the engine VM) goes into maintenance so that it carries no VM,
// the backup is taken, fetched and verified, and the host is activated again. The failover host can later deploy
// the restored engine.
import org.heshell.command.ComposedCommand
import org.heshell.command.HostNames
import org.heshell.command.Result
import picocli.CommandLine.Command
import picocli.CommandLine.Option

@Command(name = 'backup-she', header = 'Back up the engine with a failover host, as the procedure does.',
        description = [
            'Back up the self-hosted engine with a failover host, as the procedure describes:',
            'put the failover host into maintenance (its VMs migrate away), take the backup with engine-backup,',
            'fetch and verify it into the catalog, then activate the host again.',
            'On a failure or Ctrl-C after the maintenance, the host is activated again and heshell says so.'],
        footer = ['%nExamples:', '  backup-she --failover "Host 1"', '  backup-she --dry-run'])
class BackupShe extends ComposedCommand {
    @Option(names = '--failover', paramLabel = 'HOST', completionCandidates = HostNames,
            description = 'The failover host (default: the hosted-engine host with the fewest VMs that does not run the engine VM).')
    String failover

    @Option(names = '--scope', paramLabel = 'SCOPE', defaultValue = 'all', description = 'all, db or files (default: ${DEFAULT-VALUE}).')
    String scope

    @Option(names = '--to', paramLabel = 'DIR', description = 'Keep the archive here instead of the catalog.')
    String to

    @Option(names = '--dry-run', description = 'Show the steps and why, change nothing.')
    boolean dryRun

    Object call() {
        def env = refresh()
        def engineHost = env.engineHost().orElse(null)
        def h
        if (failover) {
            h = findHost(env, failover)
        } else {
            def candidates = env.hosts().findAll { it.hostedEngine().configured() && it.id() != engineHost?.id() }
            if (!candidates) {
                throw fail("no hosted-engine host other than the engine VM's (${engineHost?.name()}) can be the " +
                        "failover host; add one, or back up without a failover host with `backup create`")
            }
            h = candidates.min { env.vmsOn(it.id()).size() }
        }
        def steps = [
            "1. put ${h.name()} into maintenance: its ${env.vmsOn(h.id()).size()} VMs migrate away, so that at backup time it carries no load and can deploy the restored engine later",
            "2. run engine-backup --scope=${scope} on ${env.engineFqdn()}, fetch the archive and verify it against its checksums",
            "3. record it in the catalog with ${h.name()} as its failover host",
            "4. activate ${h.name()} again"]
        if (dryRun) {
            return new Result.Text("backup-she would:\n" + steps.join('\n'))
        }
        run('prepare-failover', h.name())
        boolean done = false
        try {
            def args = ['backup', 'create', '--scope', scope]
            if (to) {
                args += ['--to', to]
            }
            Result.BackupRecorded backup = run(*args)
            done = true
            step("backup ${backup.entry().id()} taken; activating ${h.name()} again")
            run('host', 'activate', h.name())
            return new Result.BackupRecorded("taken with ${h.name()} as the failover host, which is Up again",
                    backup.entry(), backup.contents())
        } finally {
            if (!done) {
                Thread.interrupted() // a Ctrl-C stopped the backup; putting the host back must still run
                step("the backup did not complete: activating ${h.name()} again")
                run('host', 'activate', h.name())
                step("${h.name()} is Up again; nothing else was changed")
            }
        }
    }
}
