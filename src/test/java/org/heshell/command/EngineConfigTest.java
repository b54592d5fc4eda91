package org.heshell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ~/.heshell/engines: engines by name; every mistake in it is one line naming the line and what to write. */
class EngineConfigTest {
    @TempDir
    Path dir;

    private Path config(String text) throws Exception {
        return Files.writeString(dir.resolve("engines"), text);
    }

    private Path secret(String name) throws Exception {
        Path p = Files.writeString(dir.resolve(name), "pw\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    private String refused(String text) throws Exception {
        Path file = config(text);
        return assertThrows(CommandException.class, () -> EngineConfig.load(file)).getMessage();
    }

    @Test
    void engineAndLabSectionsAreReadWithTheirDefaultsAndRelativePathsBesideTheFile() throws Exception {
        secret("prod.password");
        Files.writeString(dir.resolve("prod-ca.pem"), "ca");
        EngineConfig c = EngineConfig.load(config("""
                # two engines
                [prod]
                url = https://engine.prod.example.com/ovirt-engine/api
                ca-file = prod-ca.pem
                password-file = prod.password
                failover = Host 1

                ; a lab for practice
                [training]
                lab-dir = labs/training
                """));
        assertEquals(List.of("prod", "training"), c.names());
        EngineProfile prod = c.require("prod");
        assertEquals("admin@internal", prod.user());
        assertEquals("root", prod.sshUser());
        assertEquals(dir.resolve("prod-ca.pem"), prod.caFile());
        assertEquals("Host 1", prod.failover());
        assertEquals("engine.prod.example.com", prod.fqdn());
        assertNull(prod.backups());
        EngineProfile lab = c.require("training");
        assertEquals(dir.resolve("labs/training"), lab.labDir());
        assertEquals("engine.lab.example", lab.fqdn());
    }

    @Test
    void aTypoAPasswordWrittenInAndAHalfDefinedEngineAreEachOneLineNamingTheLine() throws Exception {
        String file = dir.resolve("engines").toString();
        assertEquals(file + " line 3: unknown key 'pasword-file'; did you mean password-file? (keys: url, ca-file,"
                + " user, password-file, ssh-user, ssh-identity, failover, backups, lab-dir)", refused(
                "[prod]\nurl = https://e.example.com/ovirt-engine/api\npasword-file = p\n"));
        assertEquals(file + " line 2: a password is never written here; put it in a file only you can read (chmod"
                + " 600) and name that file with password-file", refused("[prod]\npassword = hunter2\n"));
        assertEquals(file + " line 1: engine [prod] needs password-file: a file only you can read (chmod 600)"
                + " holding the password", refused("[prod]\nurl = https://e.example.com/ovirt-engine/api\n"));
        assertEquals(file + " line 1: 'url' comes before any [NAME]; start each engine with its [NAME]",
                refused("url = https://e.example.com/ovirt-engine/api\n"));
        assertEquals(file + " line 2: 'lab-dir /tmp/x' is neither [NAME] nor KEY = VALUE",
                refused("[lab]\nlab-dir /tmp/x\n"));
        assertEquals(file + " line 1: engine [both] needs either url (a Manager) or lab-dir (a lab), not both",
                refused("[both]\nurl = https://e.example.com/ovirt-engine/api\nlab-dir = x\npassword-file = p\n"));
        assertEquals(file + " line 1: engine [http]: url must be https://FQDN/ovirt-engine/api, not"
                + " 'http://e.example.com/ovirt-engine/api'", refused(
                "[http]\nurl = http://e.example.com/ovirt-engine/api\npassword-file = p\n"));
        assertEquals(file + " line 3: engine [a] is already defined at line 1", refused(
                "[a]\nlab-dir = x\n[a]\nlab-dir = y\n"));
    }

    @Test
    void anUnknownNameAMissingCaFileAndAPasswordOthersCanReadAreRefusedBeforeAnythingIsReached() throws Exception {
        Path open = Files.writeString(dir.resolve("open.password"), "pw\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r-----"));
        secret("ok.password");
        EngineConfig c = EngineConfig.load(config("""
                [nocafile]
                url = https://a.example.com/ovirt-engine/api
                ca-file = missing-ca.pem
                password-file = ok.password
                [open]
                url = https://b.example.com/ovirt-engine/api
                password-file = open.password
                """));
        assertEquals("no engine 'prd' in " + dir.resolve("engines") + " (known: nocafile, open)",
                assertThrows(CommandException.class, () -> c.require("prd")).getMessage());
        CommandException ca = assertThrows(CommandException.class, () -> c.require("nocafile"));
        assertEquals(2, ca.exitCode());
        assertEquals("engine nocafile: ca-file " + dir.resolve("missing-ca.pem") + " does not exist; copy the engine"
                + " CA there (https://ENGINE/ovirt-engine/services/pki-resource?resource=ca-certificate&format="
                + "X509-PEM-CA) (~/.heshell/engines)", ca.getMessage());
        assertEquals("engine open: password-file " + open + " can be read by others; chmod 600 " + open
                + " (~/.heshell/engines)", assertThrows(CommandException.class, () -> c.require("open")).getMessage());
        assertEquals("no engine 'x': " + dir.resolve("none") + " defines none; add a [x] section (see README, \"Many"
                + " engines\"), or give --engine a URL", assertThrows(CommandException.class,
                () -> EngineConfig.load(dir.resolve("none")).require("x")).getMessage());
    }

    @Test
    void aFifoOrBinaryFileInPlaceOfTheConfigIsOneLineNotAHang() throws Exception {
        Path fifo = dir.resolve("engines");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CommandException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> assertThrows(CommandException.class,
                        () -> EngineConfig.load(fifo)));
        assertEquals("cannot read " + fifo + ": it is a FIFO (named pipe), not a regular file", e.getMessage());
        Files.delete(fifo);
        Files.write(fifo, new byte[] {(byte) 0xff, (byte) 0xfe, '[', 'p', ']', '\n'});
        assertEquals("cannot read " + fifo + ": it is not UTF-8 text (a binary file, or text in another encoding)",
                assertThrows(CommandException.class, () -> EngineConfig.load(fifo)).getMessage());
    }
}
