// A short tour of scripting: the model, a command, and what it returns.
println "Engine ${engine.fqdn()} ${engine.version()}, its VM on ${engine.host()?.name()}"
hosts.each { h -> println "${h.name()}: ${h.status().label()}, ${environment.vmsOn(h.id()).size()} VMs" }
def failover = hosts.find { it.hostedEngine().configured() && it.id() != engine.host()?.id() }
println "A failover candidate: ${failover.name()}"
return failover.name()
