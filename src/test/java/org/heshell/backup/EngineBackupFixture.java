package org.heshell.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Packs a dump the way engine-backup does, with the real tar: version, config, files (tar.xz), db/, sha256sum. */
public final class EngineBackupFixture {
    private EngineBackupFixture() {
    }

    public static Path pack(Path work, Path dump, String format, String engineFqdn, String outerOption) throws Exception {
        Path tardir = work.resolve("tar-" + System.nanoTime());
        Files.createDirectories(tardir.resolve("db"));
        Files.copy(dump, tardir.resolve("db/engine_backup.db"));
        Files.writeString(tardir.resolve("version"), "4.5.6\n");
        Files.writeString(tardir.resolve("os_version"), "rhel-8.10\n");
        Files.writeString(tardir.resolve("config"), "DB_DUMP_COMPRESSOR=\nDB_DUMP_FORMAT=" + format
                + "\nDWH_DB_DUMP_FORMAT=custom\n");
        Path root = work.resolve("root-" + System.nanoTime());
        Path conf = root.resolve("etc/ovirt-engine/engine.conf.d");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("10-setup-protocols.conf"), "ENGINE_FQDN=" + engineFqdn
                + "\nENGINE_PROXY_ENABLED=true\n");
        Files.writeString(conf.resolve("10-setup-database.conf"), "ENGINE_DB_HOST=\"localhost\"\n"
                + "ENGINE_DB_USER=\"engine\"\nENGINE_DB_PASSWORD=\"secret\"\nENGINE_DB_DATABASE=\"engine\"\n");
        Files.createDirectories(root.resolve("etc/pki/ovirt-engine/private"));
        Files.writeString(root.resolve("etc/pki/ovirt-engine/ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Files.writeString(root.resolve("etc/pki/ovirt-engine/private/ca.pem"), "-----BEGIN PRIVATE KEY-----\n");
        PostgresFixture.run(List.of("tar", "-C", root.toString(), "-cJf", tardir.resolve("files").toString(),
                "etc/ovirt-engine", "etc/pki/ovirt-engine"));
        StringBuilder sums = new StringBuilder();
        try (Stream<Path> files = Files.walk(tardir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                sums.append(Checksums.sha256(f)).append("  ").append(tardir.relativize(f)).append('\n');
            }
        }
        Files.writeString(tardir.resolve("sha256sum"), sums);
        Path out = work.resolve("backup-" + System.nanoTime() + ".tar" + (outerOption.isEmpty() ? "" : ".x"));
        PostgresFixture.run(List.of("tar", "-C", tardir.toString(), "-cpS" + outerOption + "f", out.toString(),
                "."));
        return out;
    }


    /** A packed failover backup (custom dump, tar.gz) made by a throwaway PostgreSQL; null when none can run. */
    public static Path failoverBackup(Path work) throws Exception {
        PostgresFixture.requireOrSkip();
        try (PostgresFixture pg = PostgresFixture.start()) {
            pg.sql("engine", SCHEMA + FAILOVER_DATA);
            return pack(work, pg.dump(work.resolve("engine.dump"), "-Fc"), "custom", "engine.lab.example", "z");
        }
    }

    /**
     * A large backup: {@code hosts} hosts (three hosted-engine), {@code vms} VMs spread over them, and an audit log
     * of {@code auditRows} rows so that the dump is far larger than a small heap.
     */
    public static Path large(Path work, int hosts, int vms, int auditRows) throws Exception {
        PostgresFixture.requireOrSkip();
        try (PostgresFixture pg = PostgresFixture.start()) {
            pg.sql("engine", SCHEMA + String.format("""
                    INSERT INTO cluster VALUES ('c0000000-0000-0000-0000-000000000001', '', 'Default', '4.7');
                    INSERT INTO vds_static (vds_id, vds_name, host_name, vds_unique_id, cluster_id)
                      SELECT ('10000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid, 'Host ' || g,
                             'host' || g || '.lab.example', 'uid-' || g, 'c0000000-0000-0000-0000-000000000001'
                      FROM generate_series(1, %1$d) g;
                    INSERT INTO vds_dynamic (vds_id, status)
                      SELECT ('10000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid, 3
                      FROM generate_series(1, %1$d) g;
                    INSERT INTO vds_statistics (vds_id, ha_score, ha_configured, ha_active, ha_global_maintenance,
                        ha_local_maintenance)
                      SELECT ('10000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid,
                             CASE WHEN g <= 3 THEN 3400 ELSE 0 END, g <= 3, g <= 3, false, false
                      FROM generate_series(1, %1$d) g;
                    INSERT INTO vds_interface (vds_id, name, addr)
                      SELECT ('10000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid, 'ovirtmgmt',
                             '198.18.' || (g / 250) || '.' || (g %% 250 + 1)
                      FROM generate_series(1, %1$d) g;
                    INSERT INTO vm_static (vm_guid, vm_name, mem_size_mb, entity_type, origin)
                      SELECT ('20000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid,
                             CASE WHEN g = 0 THEN 'HostedEngine' ELSE 'vm' || g END, 4096, 'VM',
                             CASE WHEN g = 0 THEN 6 ELSE 0 END
                      FROM generate_series(0, %2$d) g;
                    INSERT INTO vm_dynamic (vm_guid, status, run_on_vds)
                      SELECT ('20000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid, 1,
                             ('10000000-0000-0000-0000-' || lpad((g %% %1$d + 1)::text, 12, '0'))::uuid
                      FROM generate_series(0, %2$d) g;
                    INSERT INTO schema_version (version, script, state) VALUES ('04050910', 'x.sql', 'INSTALLED');
                    INSERT INTO audit_log (message)
                      SELECT 'User admin@internal-authz did something to VM vm' || g || ' on host ' || md5(g::text)
                      FROM generate_series(1, %3$d) g;
                    """, hosts, vms, auditRows));
            return pack(work, pg.dump(work.resolve("large.dump"), "-Fc"), "custom", "engine.lab.example", "z");
        }
    }

    /** For bench/inspect: writes a large backup and prints its path. Arguments: DIR HOSTS VMS AUDIT_ROWS. */
    public static void main(String[] args) throws Exception {
        Path out = large(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]));
        System.out.println(out);
    }

    /** The lab's picture after `prepare-failover "Host 1"`: Host 1 in Maintenance and empty, the rest loaded. */
    public static final String FAILOVER_DATA = """
            INSERT INTO cluster VALUES ('c0000000-0000-0000-0000-000000000001', 'the cluster', 'Default', '4.7');
            INSERT INTO vds_static VALUES
              (NULL, '10000000-0000-0000-0000-000000000001', 'Host 1', 54321, 'host1.lab.example', 'uid-1',
               'c0000000-0000-0000-0000-000000000001', 22),
              ('', '10000000-0000-0000-0000-000000000002', 'Host 2', 54321, 'host2.lab.example', 'uid-2',
               'c0000000-0000-0000-0000-000000000001', 22),
              (E'multi\nline', '10000000-0000-0000-0000-000000000003', 'Host 3', 54321, 'HOST3.lab.example',
               'uid-3', 'c0000000-0000-0000-0000-000000000001', 22);
            INSERT INTO vds_dynamic VALUES ('10000000-0000-0000-0000-000000000001', 32768, 2),
              ('10000000-0000-0000-0000-000000000002', 32768, 3), ('10000000-0000-0000-0000-000000000003', 32768, 3);
            INSERT INTO vds_statistics VALUES ('10000000-0000-0000-0000-000000000001', 0, 0, true, false, false, true),
              ('10000000-0000-0000-0000-000000000002', 0, 3400, true, true, false, false),
              ('10000000-0000-0000-0000-000000000003', 0, 3400, true, true, false, false);
            INSERT INTO vds_interface VALUES (gen_random_uuid(), 'ovirtmgmt', '10000000-0000-0000-0000-000000000001',
              '192.0.2.11'), (gen_random_uuid(), 'eth1', '10000000-0000-0000-0000-000000000001', '198.51.100.11'),
              (gen_random_uuid(), 'eth2', '10000000-0000-0000-0000-000000000001', ''),
              (gen_random_uuid(), 'ovirtmgmt', '10000000-0000-0000-0000-000000000002', '192.0.2.12'),
              (gen_random_uuid(), 'ovirtmgmt', '10000000-0000-0000-0000-000000000003', '192.0.2.13');
            INSERT INTO vm_static VALUES
              ('20000000-0000-0000-0000-000000000000', 16384, 'HostedEngine', 'VM', 6, NULL, 'the engine'),
              ('20000000-0000-0000-0000-000000000009', 0, 'Blank', 'TEMPLATE', 0, NULL, NULL),
              ('20000000-0000-0000-0000-000000000001', 4096, E'vm1\twith a tab', 'VM', 0, NULL, NULL),
              ('20000000-0000-0000-0000-000000000002', 4096, 'vm2 ünïcode', 'VM', 0, NULL, E'back\\slash'),
              ('20000000-0000-0000-0000-000000000003', 4096, 'vm3', 'VM', 0, NULL, NULL),
              ('20000000-0000-0000-0000-000000000004', 4096, 'vm4', 'VM', 0, NULL, NULL),
              ('20000000-0000-0000-0000-000000000005', 4096, 'vm5', 'VM', 0, NULL, NULL),
              ('20000000-0000-0000-0000-000000000006', 4096, 'vm6', 'VM', 0, NULL, NULL);
            INSERT INTO vm_dynamic VALUES
              (1, '20000000-0000-0000-0000-000000000000', '10000000-0000-0000-0000-000000000002', NULL),
              (1, '20000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000003', NULL),
              (1, '20000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-000000000003', NULL),
              (1, '20000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000002', NULL),
              (1, '20000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000002', NULL),
              (1, '20000000-0000-0000-0000-000000000005', '10000000-0000-0000-0000-000000000003', NULL),
              (0, '20000000-0000-0000-0000-000000000006', NULL, NULL);
            INSERT INTO schema_version (version, script, state) VALUES ('04050870', 'upgrade/x.sql', 'INSTALLED'),
              ('04050910', 'upgrade/y.sql', 'INSTALLED'), ('04060000', 'upgrade/z.sql', 'FAILED');
            INSERT INTO audit_log (message) SELECT 'event ' || g FROM generate_series(1, 2000) g;
            INSERT INTO other.vds_static VALUES (1);
            """;

    /** Tables with the real oVirt names, extra columns, and columns in another order than heshell reads them. */
    public static final String SCHEMA = """
            CREATE TABLE cluster (cluster_id uuid, description text, name varchar(40), compatibility_version varchar(40));
            CREATE TABLE vds_static (free_text_comment text, vds_id uuid, vds_name varchar(255), port int,
                host_name varchar(255), vds_unique_id varchar(128), cluster_id uuid, ssh_port int);
            CREATE TABLE vds_dynamic (vds_id uuid, physical_mem_mb int, status int);
            CREATE TABLE vds_statistics (vds_id uuid, cpu_idle numeric, ha_score int, ha_configured boolean,
                ha_active boolean, ha_global_maintenance boolean, ha_local_maintenance boolean);
            CREATE TABLE vds_interface (id uuid, name varchar(50), vds_id uuid, addr varchar(50));
            CREATE TABLE vm_static (vm_guid uuid, mem_size_mb int, vm_name varchar(255), entity_type varchar(32),
                origin int, cluster_id uuid, description text);
            CREATE TABLE vm_dynamic (status int, vm_guid uuid, run_on_vds uuid, guest_cur_user_name text);
            CREATE TABLE schema_version (id serial, version varchar(10), script text, state varchar(15));
            CREATE TABLE audit_log (audit_log_id serial, message text);
            CREATE SCHEMA other;
            CREATE TABLE other.vds_static (x int);
            """;
}
