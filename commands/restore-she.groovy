// restore-she: the document's "Workflow for Restoring the Self-Hosted Engine Environment" as one command.
// The plan checks every rule first (failover host or new host, identifiers, OS, FQDN, DNS, versions, space, no
// Manager running); the run is journaled in ~/.heshell/restore/ID, so running restore-she again after a failure,
// Ctrl-C or a crash goes on at the first unfinished step.
import org.heshell.command.BackupIds
import org.heshell.command.ComposedCommand
import org.heshell.command.FileNames
import org.heshell.command.DeployHostNames
import org.heshell.command.Result
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters

@Command(name = 'restore-she', header = 'Restore the self-hosted engine from a backup, resumable.',
        description = [
            'Restore the self-hosted engine from a backup as the procedure says:',
            'check the plan, copy the backup to the deploying host, deploy a new',
            'engine VM with the restore, remove the old host record before the host',
            'synchronizes, then remove and re-add the hosted-engine hosts that came',
            'back Non Operational. Run it again after any interruption: it goes on',
            'where it stopped.'],
        footer = ['%nExamples:', '  restore-she ID --deploy-on "Host 1"', '  restore-she ID --deploy-on host4.lab.example',
                  '  restore-she ID --deploy-on "Host 1" --dry-run',
                  '  restore-she ID --deploy-on "Host 1" --storage 192.0.2.5:/exports/he_new   (hosted_storage lost)'])
class RestoreShe extends ComposedCommand {
    @Parameters(index = '0', paramLabel = 'BACKUP', completionCandidates = BackupIds,
            description = 'A catalog id (`backup list`) or an archive file.')
    String backup

    @Option(names = '--deploy-on', required = true, paramLabel = 'HOST', completionCandidates = DeployHostNames,
            description = 'The host to deploy on: the failover host of the backup, or a new host.')
    String deployOn

    @Option(names = '--decrypt-with', paramLabel = 'KEY', completionCandidates = FileNames, description = 'The OpenPGP private key file that decrypts an encrypted backup (its passphrase is asked for once, on the terminal).')
    java.nio.file.Path decryptWith

    @Option(names = '--storage', paramLabel = 'SERVER:/EXPORT', description = 'New, empty NFS storage for the new engine VM, when hosted_storage is lost (rule storage).')
    String storage

    @Option(names = '--dry-run', description = 'Show the plan and its steps, change nothing.')
    boolean dryRun

    Object call() {
        def key = decryptWith ? ['--decrypt-with', decryptWith.toString()] : []
        def onStorage = storage ? ['--storage', storage] : []
        if (dryRun) {
            Result.RestorePlanned checked = run('preflight', backup, '--deploy-on', deployOn, *key, *onStorage)
            return new Result.RestorePlanned(checked.plan(), null, false, false) // the steps too; nothing saved
        }
        Result.RestorePlanned planned = run('restore', 'plan', backup, '--deploy-on', deployOn, *key, *onStorage)
        if (planned.plan().blocked() && !planned.resumed()) {
            return planned // the checklist says what blocks; it exits 1
        }
        step(planned.resumed() ? "going on with ${planned.journal()}" : "plan ${planned.journal()} is clear: running it")
        return run('restore', 'run', planned.journal(), *key)
    }
}
