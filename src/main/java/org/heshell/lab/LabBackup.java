package org.heshell.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heshell.backup.BackupWriter;
import org.heshell.backup.DbCodes;
import org.heshell.backup.DumpTable;
import org.heshell.backup.DumpTable.Column;
import org.heshell.model.HostStatus;
import org.heshell.model.VmStatus;

/**
 * What the lab's engine VM writes for {@code engine-backup --mode=backup}: the lab's current state as the engine
 * database's own tables (real names, columns and status codes) in a custom-format dump, the engine's
 * configuration files with ENGINE_FQDN and the lab CA's key, packed in engine-backup's archive format.
 */
final class LabBackup {
    static final String SCHEMA_VERSION = "04050910";
    private static final String UUID = "uuid";
    private static final String NAME = "character varying(255)";
    private static final String INT = "integer";
    private static final String BOOL = "boolean";

    private LabBackup() {
    }

    /** {@code scope}: all, db or files, as engine-backup's --scope. */
    static void write(LabDir dir, LabState state, String scope, Path target) throws IOException {
        boolean files = !scope.equals("db");
        boolean db = !scope.equals("files");
        String os = state.site().machine(state.engineFqdn()).map(LabMachine::os).orElse(LabScenario.OS);
        BackupWriter.write(target, new BackupWriter.Spec(state.engineVersion(), "rhel-" + os,
                files ? files(dir, state) : List.of(), db ? tables(state) : null, "12.20"));
    }

    /**
     * The configuration engine-backup takes of a real engine, in its places: the engine's settings (its FQDN and its
     * database's credentials), engine-setup's answers and the engine PKI (CA certificate and key, the engine's own
     * certificate). The database password is the lab's own, made from its CA key so it stays the same per lab.
     */
    static List<BackupWriter.ConfigFile> files(LabDir dir, LabState s) throws IOException {
        String caKey = Files.readString(dir.caKeyFile());
        String dbPassword = java.util.UUID.nameUUIDFromBytes(("engine db " + caKey).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString().replace("-", "").substring(0, 22);
        return List.of(
                new BackupWriter.ConfigFile("etc/ovirt-engine/engine.conf.d/10-setup-protocols.conf",
                        "ENGINE_FQDN=" + s.engineFqdn() + "\nENGINE_PROXY_ENABLED=true\nENGINE_HTTP_ENABLED=false\n"
                                + "ENGINE_HTTPS_ENABLED=true\n", 0644),
                new BackupWriter.ConfigFile("etc/ovirt-engine/engine.conf.d/10-setup-database.conf",
                        "ENGINE_DB_HOST=\"localhost\"\nENGINE_DB_PORT=\"5432\"\nENGINE_DB_USER=\"engine\"\n"
                                + "ENGINE_DB_PASSWORD=\"" + dbPassword + "\"\nENGINE_DB_DATABASE=\"engine\"\n"
                                + "ENGINE_DB_SECURED=\"False\"\nENGINE_DB_SECURED_VALIDATION=\"False\"\n"
                                + "ENGINE_DB_DRIVER=\"org.postgresql.Driver\"\n", 0640),
                new BackupWriter.ConfigFile("etc/ovirt-engine-setup.conf.d/20-setup-ovirt-post.conf",
                        "[environment:default]\nOVESETUP_CONFIG/fqdn=str:" + s.engineFqdn()
                                + "\nOVESETUP_ENGINE_CORE/enable=bool:True\nOVESETUP_DB/database=str:engine\n", 0644),
                new BackupWriter.ConfigFile("etc/pki/ovirt-engine/ca.pem", Files.readString(dir.caFile()), 0644),
                new BackupWriter.ConfigFile("etc/pki/ovirt-engine/private/ca.pem", caKey, 0600),
                new BackupWriter.ConfigFile("etc/pki/ovirt-engine/certs/engine.cer",
                        Files.readString(dir.serverCertFile()), 0644));
    }

    static List<DumpTable> tables(LabState s) {
        List<String[]> cluster = List.<String[]>of(new String[] {s.clusterId(), s.clusterName(),
            s.clusterVersion()});
        List<String[]> vdsStatic = new ArrayList<>();
        List<String[]> vdsDynamic = new ArrayList<>();
        List<String[]> vdsStatistics = new ArrayList<>();
        List<String[]> vdsInterface = new ArrayList<>();
        for (LabHost h : s.hosts()) {
            vdsStatic.add(new String[] {h.id(), h.name(), h.uniqueId(), h.address(), s.clusterId(), "54321"});
            String os = s.site().machine(h.address()).map(LabMachine::os).orElse(LabScenario.OS);
            vdsDynamic.add(new String[] {h.id(), Integer.toString(DbCodes.code(HostStatus.fromApi(h.status()))),
                Long.toString(h.memoryMb()), "RHEL - " + os + " - 1.el" + os.replaceAll("\\..*", "")});
            boolean up = h.up();
            vdsStatistics.add(new String[] {h.id(), Integer.toString(h.heScore()), bool(h.heConfigured()),
                bool(h.heConfigured() && up), "f", bool(h.heLocalMaintenance())});
            for (int i = 0; i < h.ips().size(); i++) {
                vdsInterface.add(new String[] {java.util.UUID.nameUUIDFromBytes((h.id() + i).getBytes()).toString(),
                    "eth" + i, h.id(), h.ips().get(i)});
            }
        }
        List<String[]> vmStatic = new ArrayList<>();
        List<String[]> vmDynamic = new ArrayList<>();
        for (LabVm v : s.vms()) {
            vmStatic.add(new String[] {v.id(), v.name(), Long.toString(v.memoryMb()), s.clusterId(),
                v.engine() ? "6" : "0", "VM"});
            VmStatus status = VmStatus.fromApi(v.status());
            vmDynamic.add(new String[] {v.id(), Integer.toString(DbCodes.code(status)),
                status == VmStatus.DOWN ? null : v.hostId()});
        }
        return List.of(
                new DumpTable("cluster", List.of(new Column("cluster_id", UUID), new Column("name",
                        "character varying(40)"), new Column("compatibility_version", "character varying(40)")),
                        cluster),
                new DumpTable("schema_version", List.of(new Column("id", INT), new Column("version",
                        "character varying(10)"), new Column("script", NAME), new Column("state",
                        "character varying(15)")), List.<String[]>of(new String[] {"1", SCHEMA_VERSION,
                            "upgrade/04_05_0910_lab.sql", "INSTALLED"})),
                new DumpTable("vds_dynamic", List.of(new Column("vds_id", UUID), new Column("status", INT),
                        new Column("physical_mem_mb", INT), new Column("host_os", NAME)), vdsDynamic),
                new DumpTable("vds_interface", List.of(new Column("id", UUID), new Column("name",
                        "character varying(50)"), new Column("vds_id", UUID), new Column("addr",
                        "character varying(50)")), vdsInterface),
                new DumpTable("vds_static", List.of(new Column("vds_id", UUID), new Column("vds_name", NAME),
                        new Column("vds_unique_id", "character varying(128)"), new Column("host_name", NAME),
                        new Column("cluster_id", UUID), new Column("port", INT)), vdsStatic),
                new DumpTable("vds_statistics", List.of(new Column("vds_id", UUID), new Column("ha_score", INT),
                        new Column("ha_configured", BOOL), new Column("ha_active", BOOL),
                        new Column("ha_global_maintenance", BOOL), new Column("ha_local_maintenance", BOOL)),
                        vdsStatistics),
                new DumpTable("vm_dynamic", List.of(new Column("vm_guid", UUID), new Column("status", INT),
                        new Column("run_on_vds", UUID)), vmDynamic),
                new DumpTable("vm_static", List.of(new Column("vm_guid", UUID), new Column("vm_name", NAME),
                        new Column("mem_size_mb", INT), new Column("cluster_id", UUID), new Column("origin", INT),
                        new Column("entity_type", "character varying(32)")), vmStatic));
    }

    private static String bool(boolean b) {
        return b ? "t" : "f";
    }
}
