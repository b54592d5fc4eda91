// The full drill on a fresh lab: back up with a failover host, break the engine, restore it on the failover
// host, check the end state the procedure promises, and report how long each part took.
//   ./shell scripts/drill.groovy --lab-dir $(mktemp -d)
def took = [:]
def timed = { String what, Closure work ->
    long t0 = System.nanoTime()
    def result = work()
    took[what] = (System.nanoTime() - t0) / 1e9
    result
}
def failed = { String why -> throw new IllegalStateException("drill failed: " + why) }

def backup = timed('backup-she (Host 1 as the failover host)') { backupShe(failover: 'Host 1') }
if (backup.entry().failoverHost() != 'Host 1') {
    failed("the backup does not record Host 1 as its failover host")
}
timed('lab break engine') { lab.'break'('engine') }
def restored = timed('restore-she on Host 1') { restoreShe(backup, deployOn: 'Host 1') }

def env = environment
def heHosts = hosts.findAll { it.hostedEngine().configured() }
def running = vms.findAll { !it.engine() && it.status().name() == 'UP' }
if (engine.host()?.name() != 'Host 1') {
    failed("the engine VM runs on ${engine.host()?.name()}, not on Host 1")
}
['Host 1', 'Host 2', 'Host 3'].each { name ->
    def h = heHosts.find { it.name() == name }
    if (h == null || h.status().name() != 'UP') {
        failed("${name} is not Up with hosted engine configured: ${h?.status()?.label() ?: 'missing'}")
    }
}
if (running.size() != 6) {
    failed("${running.size()} VMs run, not 6: ${running*.name()}")
}

println "Drill report"
took.each { what, seconds -> println String.format('  %-42s %6.1f s', what, seconds) }
println "  restore-she's steps:"
restored.journal().steps().each { s ->
    def seconds = s.started() && s.finished() ? java.time.Duration.between(s.started(), s.finished()).toMillis() / 1000.0 : 0
    println String.format('    %-40s %6.1f s  %s', s.id(), seconds, s.state())
}
println "End state: engine VM on Host 1, Hosts 1–3 Up with hosted engine, ${running.size()} VMs running."
return map()
