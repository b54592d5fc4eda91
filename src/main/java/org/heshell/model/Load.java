package org.heshell.model;

/**
 * How many VMs run on a host (or in an environment), counted one way wherever heshell shows it: the VMs other
 * than the engine VM, and whether the engine VM is there besides ("2 + engine VM"). The engine VM is the Manager
 * itself, not a workload; counting it among the VMs made the same host "2" in one view and "3" in another.
 */
public record Load(int vms, boolean engineVm) {
    /** What runs on the host {@code hostId}. */
    public static Load on(Environment env, String hostId) {
        int n = 0;
        boolean engine = false;
        for (Vm v : env.vmsOn(hostId)) {
            if (v.engine()) {
                engine = true;
            } else {
                n++;
            }
        }
        return new Load(n, engine);
    }

    /** Every VM of the environment; the engine VM counted apart whether or not it runs. */
    public static Load of(Environment env) {
        int n = (int) env.vms().stream().filter(v -> !v.engine()).count();
        return new Load(n, env.engineVm().isPresent());
    }

    public boolean empty() {
        return vms == 0 && !engineVm;
    }

    /** For a table cell: "2", "2 + engine VM". */
    public String count() {
        return vms + (engineVm ? " + engine VM" : "");
    }

    /** In a sentence: "no VMs", "1 VM", "2 VMs + engine VM", "the engine VM". */
    public String phrase() {
        if (vms == 0) {
            return engineVm ? "the engine VM" : "no VMs";
        }
        return vms + (vms == 1 ? " VM" : " VMs") + (engineVm ? " + engine VM" : "");
    }
}
