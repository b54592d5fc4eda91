package org.heshell.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSO tokens kept between runs: private files, one per Manager and user, unused when others could read them. */
class SsoTokensTest {
    @TempDir
    Path dir;

    private static final EngineTarget ENGINE = new EngineTarget("https://engine.example.com/ovirt-engine/api",
            "admin@internal", null, false, "engine.example.com", false);

    @Test
    void aTokenIsKeptOwnerOnlyInAPrivateDirectory() throws Exception {
        SsoTokens tokens = new SsoTokens(dir.resolve("tokens"));
        tokens.save(ENGINE, "the-token");
        assertEquals(Optional.of("the-token"), tokens.read(ENGINE));
        Path file = tokens.file(ENGINE.url(), ENGINE.user());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tokens"))));
        assertFalse(file.getFileName().toString().contains("engine") || file.getFileName().toString().contains("admin"),
                "the file is named by a digest: " + file);
        try (var names = Files.list(dir.resolve("tokens"))) {
            assertEquals(1, names.count(), "no temporary file is left");
        }
    }

    @Test
    void eachManagerAndUserHasItsOwn() {
        SsoTokens tokens = new SsoTokens(dir);
        tokens.save(ENGINE, "admin-token");
        EngineTarget other = new EngineTarget(ENGINE.url(), "backup@internal", null, false, "x", false);
        EngineTarget elsewhere = new EngineTarget("https://other.example.com/ovirt-engine/api", ENGINE.user(), null,
                false, "x", false);
        assertEquals(Optional.empty(), tokens.read(other));
        assertEquals(Optional.empty(), tokens.read(elsewhere));
        tokens.save(other, "backup-token");
        assertEquals(Optional.of("admin-token"), tokens.read(ENGINE));
        assertEquals(Optional.of("backup-token"), tokens.read(other));
    }

    @Test
    void aTokenFileOthersCouldReadIsNotUsed() throws Exception {
        SsoTokens tokens = new SsoTokens(dir);
        tokens.save(ENGINE, "the-token");
        Files.setPosixFilePermissions(tokens.file(ENGINE.url(), ENGINE.user()),
                PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(Optional.empty(), tokens.read(ENGINE));
    }

    @Test
    void aDroppedTokenIsGoneAndNoneIsEverShownByName() {
        SsoTokens tokens = new SsoTokens(dir);
        tokens.save(ENGINE, "the-token");
        assertTrue(!tokens.toString().contains("the-token"), tokens.toString());
        tokens.drop(ENGINE);
        assertEquals(Optional.empty(), tokens.read(ENGINE));
        tokens.drop(ENGINE); // dropping twice is no error
    }
}
