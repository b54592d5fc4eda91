package org.heshell.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to reach a real Manager; declared once for `connect` and for ./shell itself. */
public final class EngineOptions {
    @Option(names = "--engine", paramLabel = "URL|NAME", completionCandidates = EngineNames.class,
            description = "A real Manager: https://FQDN/ovirt-engine/api, or the NAME of an engine in "
                    + "~/.heshell/engines.")
    public String url;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "admin@internal",
            description = "The Manager user (default: ${DEFAULT-VALUE}).")
    public String user;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "The engine CA certificate (PEM).")
    public Path caFile;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "A file holding the password (or set HESHELL_PASSWORD, or be asked).")
    public Path passwordFile;

    /** The engine --engine names from ~/.heshell/engines, its files checked; null when --engine is a URL or absent. */
    public EngineProfile profile() {
        return url == null || EngineConfig.isUrl(url) ? null : EngineConfig.load().require(url);
    }

    @Option(names = "--insecure", description = "Do not verify the engine's certificate. Dangerous; for tests.")
    public boolean insecure;
}
