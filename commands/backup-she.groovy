// backup-she: the document's "Workflow for Backing Up the Self-Hosted Engine Environment" as one command.
// A failover host (a hosted-engine host not running the engine VM) goes into maintenance so that it carries no VM,
// the backup is taken, fetched and verified, and the host is activated again. The failover host can later deploy
// the restored engine.
import org.heshell.command.ComposedCommand
import org.heshell.command.FileNames
import org.heshell.command.HostNames
import org.heshell.command.Result
import org.heshell.model.Load
import picocli.CommandLine.Command
import picocli.CommandLine.Option

@Command(name = 'backup-she', header = 'Back up the engine with a failover host, as the procedure does.',
        description = [
            'Back up the self-hosted engine with a failover host, as the procedure describes:',
            'check first what the backup needs (the destination, SSH to the engine VM, its free space),',
            'put the failover host into maintenance (its VMs migrate away), take the backup with engine-backup,',
            'fetch and verify it into the catalog, then activate the host again.',
            'On a failure or Ctrl-C at any point, the host is activated again and heshell says so;',
            'if that fails too, it names what is left and the command that puts it back.'],
        footer = ['%nExamples:', '  backup-she --failover "Host 1"', '  backup-she --dry-run'])
class BackupShe extends ComposedCommand {
    @Option(names = '--failover', paramLabel = 'HOST', completionCandidates = HostNames,
            description = 'The failover host (default: the hosted-engine host with the fewest VMs that does not run the engine VM).')
    String failover

    @Option(names = '--scope', paramLabel = 'SCOPE', defaultValue = 'all', description = 'all, db or files (default: ${DEFAULT-VALUE}).')
    String scope

    @Option(names = '--to', paramLabel = 'DIR', description = 'Keep the archive here instead of the catalog.')
    String to

    @Option(names = '--encrypt-to', paramLabel = 'KEY', completionCandidates = FileNames, description = 'Encrypt the backup as it arrives to this OpenPGP public key file (as backup create does).')
    java.nio.file.Path encryptTo

    @Option(names = '--dry-run', description = 'Check what the backup needs, show the steps and why, change nothing.')
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
            "1. put ${h.name()} into maintenance: its ${Load.on(env, h.id()).phrase()} migrate away, so that at backup time it carries no load and can deploy the restored engine later",
            "2. run engine-backup --scope=${scope} on ${env.engineFqdn()}, fetch the archive and verify it against its checksums",
            "3. record it in the catalog with ${h.name()} as its failover host",
            "4. activate ${h.name()} again"]
        def args = ['backup', 'create', '--scope', scope]
        if (to) {
            args += ['--to', to]
        }
        if (encryptTo) {
            args += ['--encrypt-to', encryptTo.toString()]
        }
        // The cheap checks first (destination, engine SSH, its free space): nothing has moved if one fails.
        run(*(args + ['--dry-run']))
        if (dryRun) {
            return new Result.Text("backup-she would:\n" + steps.join('\n') + "\nchecked: the destination, the"
                    + " engine's API and SSH, and the free space on ${env.engineFqdn()}; nothing was changed")
        }
        run('prepare-failover', h.name()) // puts the host back itself when it fails or is stopped
        putBackOnFailure("${h.name()} is in maintenance", 'host', 'activate', h.name())
        Result.BackupRecorded backup = run(*args)
        step("backup ${backup.entry().id()} taken; activating ${h.name()} again")
        run('host', 'activate', h.name())
        keepChanges()
        return new Result.BackupRecorded("taken with ${h.name()} as the failover host, which is Up again",
                backup.entry(), backup.contents())
    }
}
