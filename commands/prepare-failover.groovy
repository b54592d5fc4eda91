// prepare-failover HOST: the first half of the document's backup workflow. The chosen hosted-engine host goes
// into maintenance, its VMs migrate away, and it carries no load: it is the failover host that can later deploy
// the restored engine VM.
import org.heshell.command.ComposedCommand
import org.heshell.command.HostNames
import org.heshell.command.Result
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters

@Command(name = 'prepare-failover', header = 'Free a hosted-engine host of its VMs to be the failover host.',
        description = [
            'Free a hosted-engine host of all VMs so it can serve as the failover host for a backup.',
            'Puts it into maintenance, waits until its VMs have migrated, and reports where they went.',
            'Refuses a host that runs the engine VM or is not a hosted-engine host.',
            'On a failure or Ctrl-C before the host is free, it is activated again and heshell says so.'],
        footer = ['%nExample:', '  prepare-failover "Host 1"'])
class PrepareFailover extends ComposedCommand {
    @Parameters(index = '0', paramLabel = 'HOST', completionCandidates = HostNames,
            description = 'The hosted-engine host to free: name, FQDN or IP.')
    String host

    @Option(names = '--timeout', paramLabel = 'SECONDS', defaultValue = '600',
            description = 'Give up waiting after this many seconds (default: ${DEFAULT-VALUE}).')
    int timeout

    Object call() {
        def env = refresh()
        def h = findHost(env, host)
        if (!h.hostedEngine().configured()) {
            throw fail("${h.name()} is not a hosted-engine host; the failover host must be able to deploy the " +
                    "engine VM later, so pick one of: ${heHosts(env, null)}")
        }
        def engineHost = env.engineHost().orElse(null)
        if (engineHost != null && engineHost.id() == h.id()) {
            throw fail("${h.name()} runs the engine VM; the failover host must carry no VM at backup time, " +
                    "so pick another hosted-engine host: ${heHosts(env, h)}")
        }
        if (h.status() != org.heshell.model.HostStatus.MAINTENANCE) {
            // stopped or failed before it is free, the host goes back to work
            putBackOnFailure("${h.name()} is going into maintenance", 'host', 'activate', h.name())
        }
        Result.HostChanged done = run('host', 'maintenance', h.name(), '--timeout', "$timeout")
        def left = done.environment().vmsOn(h.id())
        if (!left.isEmpty()) {
            throw fail("${h.name()} is in Maintenance but still carries ${left*.name().join(', ')}; " +
                    "migrate or stop them, then run prepare-failover again")
        }
        return new Result.HostChanged('ready as the failover host, no VMs', done.host(),
                done.migrations(), done.took(), done.environment())
    }

    private static String heHosts(env, exclude) {
        def names = env.hosts().findAll { it.hostedEngine().configured() && it.id() != exclude?.id() }*.name()
        names ? names.join(', ') : 'none'
    }
}
