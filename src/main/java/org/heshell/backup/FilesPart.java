package org.heshell.backup;

import java.util.ArrayList;
import java.util.List;

/**
 * What a backup's configuration files (./files) hold that a restore needs: the engine's FQDN, its CA certificate
 * and key (without them the hosts no longer trust the restored engine: every host would need its certificates
 * enrolled again) and the database credentials engine-setup reads. Only whether a secret is there is kept, never
 * its value.
 */
public record FilesPart(int files, String engineFqdn, boolean caCertificate, boolean caKey,
                        boolean databaseCredentials) {
    static final String CA_CERTIFICATE = "etc/pki/ovirt-engine/ca.pem";
    static final String CA_KEY = "etc/pki/ovirt-engine/private/ca.pem";
    static final String DATABASE_CONF = "etc/ovirt-engine/engine.conf.d/10-setup-database.conf";
    static final String PROTOCOLS_CONF = "etc/ovirt-engine/engine.conf.d/10-setup-protocols.conf";

    /** What a restore needs and this part lacks, each named with the file it comes from; empty when complete. */
    public List<String> missing() {
        List<String> m = new ArrayList<>();
        if (engineFqdn == null) {
            m.add("the engine's FQDN (/" + PROTOCOLS_CONF + ")");
        }
        if (!caCertificate) {
            m.add("the engine CA certificate (/" + CA_CERTIFICATE + ")");
        }
        if (!caKey) {
            m.add("the engine CA key (/" + CA_KEY + ")");
        }
        if (!databaseCredentials) {
            m.add("the engine database's credentials (ENGINE_DB_PASSWORD in /" + DATABASE_CONF + ")");
        }
        return m;
    }
}
