package org.heshell.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL server on a unix socket in a temp dir, run as the postgres user (initdb refuses root),
 * stopped at close. Without PostgreSQL it reports why: tests skip locally and fail in CI, where .ci/run installs it.
 */
public final class PostgresFixture implements AutoCloseable {
    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private final Path dir;

    private PostgresFixture(Path dir) {
        this.dir = dir;
    }

    /** Why no server can run here, or null when one can. */
    public static String unavailable() {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            return "PostgreSQL 15 server binaries are not in " + BIN + " (apt-get install postgresql-15)";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
            return "runuser is missing";
        }
        return null;
    }

    /** Skips the calling test when no server can run here, except in CI, where that is a failure. */
    public static void requireOrSkip() {
        String why = unavailable();
        if (why != null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI needs PostgreSQL for these tests: " + why);
            }
            org.junit.jupiter.api.Assumptions.abort(why);
        }
    }

    public static PostgresFixture start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("heshell-pg");
        run(List.of("chown", "postgres", dir.toString()));
        asPostgres(List.of(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C"));
        asPostgres(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-o",
                "-k " + dir + " -c listen_addresses=''", "-l", dir.resolve("log").toString(), "start"));
        PostgresFixture pg = new PostgresFixture(dir);
        pg.sql("postgres", "CREATE DATABASE engine");
        return pg;
    }

    public void sql(String db, String sql) throws IOException, InterruptedException {
        Path file = dir.resolve("script-" + System.nanoTime() + ".sql");
        Files.writeString(file, sql);
        run(List.of("psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", dir.toString(), "-U", "postgres", "-d", db, "-f",
                file.toString()));
    }

    /** pg_restore of {@code dump} into the (empty) engine database. */
    public void restore(Path dump) throws IOException, InterruptedException {
        run(List.of("pg_restore", "-h", dir.toString(), "-U", "postgres", "-d", "engine", "--no-owner",
                "--exit-on-error", dump.toString()));
    }

    /**
     * {@code pg_restore -f -} of {@code dump}, run by psql into the new database {@code db}, stopping at the first
     * error: what an admin does with a dump turned into a script.
     */
    public void restoreThroughPsql(Path dump, String db) throws IOException, InterruptedException {
        sql("postgres", "CREATE DATABASE " + db);
        run(List.of("bash", "-c", "set -o pipefail; pg_restore --no-owner -f - \"$0\" | psql -q -v ON_ERROR_STOP=1"
                + " -h \"$1\" -U postgres -d \"$2\"", dump.toString(), dir.toString(), db));
    }

    /** The single value a query returns, as psql prints it unaligned. */
    public String query(String sql) throws IOException, InterruptedException {
        return query("engine", sql);
    }

    /** The values a query returns in database {@code db}, one row a line, as psql prints them unaligned. */
    public String query(String db, String sql) throws IOException, InterruptedException {
        return run(List.of("psql", "-h", dir.toString(), "-U", "postgres", "-d", db, "-At", "-c", sql))
                .replaceAll("\\n$", "");
    }

    /** pg_dump of the engine database with the given options (e.g. -Fc, -Z0, -Fp), as engine-backup runs it. */
    public Path dump(Path out, String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("pg_dump", "-h", dir.toString(), "-U", "postgres", "-E", "UTF8",
                "--disable-dollar-quoting", "--disable-triggers", "--no-owner", "-f", out.toString()));
        cmd.addAll(List.of(options));
        cmd.add("engine");
        run(cmd);
        return out;
    }

    public static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    private static void asPostgres(List<String> cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(cmd);
        run(full);
    }

    @Override
    public void close() throws IOException {
        try {
            asPostgres(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast",
                    "-w", "stop"));
            run(List.of("rm", "-rf", dir.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
