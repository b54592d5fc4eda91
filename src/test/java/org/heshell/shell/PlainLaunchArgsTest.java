package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The plain reading of ./shell's command line gives what picocli gives, or leaves the words to picocli. */
class PlainLaunchArgsTest {
    private static List<Object> fields(LaunchOptions o) {
        return List.of(String.valueOf(o.commands), o.json, o.debug, o.noColour, String.valueOf(o.labDir),
                String.valueOf(o.labHosts), String.valueOf(o.labVms), String.valueOf(o.labSpeed),
                String.valueOf(o.engine.url), String.valueOf(o.engine.user), String.valueOf(o.engine.caFile),
                String.valueOf(o.engine.passwordFile), o.engine.insecure, String.valueOf(o.identity),
                o.acceptNewHostKey, o.rest);
    }

    private static LaunchOptions picocli(String... args) {
        LaunchOptions o = new LaunchOptions();
        CommandLine cl = new CommandLine(o);
        cl.setExpandAtFiles(false);
        cl.parseArgs(args);
        return o;
    }

    @Test
    void plainCommandLinesReadAsPicocliReadsThem() {
        for (String[] args : List.of(new String[0], new String[] {"-c", "hosts"},
                new String[] {"--lab-dir", "/tmp/x/lab", "--lab-speed", "1000", "-c", "hosts; vms"},
                new String[] {"--json", "--no-color", "-c=map"}, new String[] {"--lab-hosts=5", "--lab-vms", "0"},
                new String[] {"--engine", "https://e.example.com/ovirt-engine/api", "--ca-file", "ca.pem",
                    "--user", "admin@internal", "--password-file=pw", "--insecure", "--debug"},
                new String[] {"scripts/x.groovy", "a", "b c", "--json"}, new String[] {"lab", "serve"},
                new String[] {"--identity", "id", "--accept-new-host-key", "@notes.txt"},
                new String[] {"--lab-speed", "2.5"})) {
            LaunchOptions plain = PlainLaunchArgs.read(args);
            assertNotNull(plain, String.join(" ", args));
            assertEquals(fields(picocli(args)), fields(plain), String.join(" ", args));
        }
    }

    @Test
    void helpVersionMistakesAndUnusualFormsAreLeftToPicocli() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"-V"},
                new String[] {"--password=hunter2"}, new String[] {"-c"}, new String[] {"-c", "a", "-c", "b"},
                new String[] {"--lab-hosts", "three"}, new String[] {"--lab-speed", "1e3"},
                new String[] {"--json=true"}, new String[] {"--", "-x"}, new String[] {"-c", "--json"},
                new String[] {""}, new String[] {"-chosts"})) {
            assertNull(PlainLaunchArgs.read(args), String.join(" ", args));
        }
    }
}
