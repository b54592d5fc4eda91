package org.heshell.restore;

/**
 * What heshell learned of the host that is to deploy the restored engine, over SSH: its FQDN ({@code hostname -f}),
 * OS (/etc/os-release), the engine appliance package it has (null when none), free bytes where the backup goes
 * (-1 unknown). {@code unreachable} says why SSH failed, null when it worked.
 */
public record DeployHost(String asked, String fqdn, OsVersion os, String appliance, long freeBytes,
                         String unreachable) {
    public static DeployHost unreachable(String asked, String why) {
        return new DeployHost(asked, asked, null, null, -1, why);
    }
}
