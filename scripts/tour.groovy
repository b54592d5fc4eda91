// A short tour of scripting: the model, a command, and what it returns.
println "Engine ${engine.fqdn()} ${engine.version()}, its VM on ${engine.host()?.name()}"
def env = environment
hosts.each { h -> println "${h.name()}: ${h.status().label()}, ${org.heshell.model.Load.on(env, h.id()).phrase()}" }
def failover = hosts.find { it.hostedEngine().configured() && it.id() != engine.host()?.id() }
println "A failover candidate: ${failover.name()}"
return failover.name()
