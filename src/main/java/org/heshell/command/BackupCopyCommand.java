package org.heshell.command;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import net.schmizz.sshj.sftp.SFTPClient;
import org.heshell.backup.BackupCopy;
import org.heshell.backup.Catalog;
import org.heshell.backup.CatalogEntry;
import org.heshell.backup.Checksums;
import org.heshell.backup.LocalCopy;
import org.heshell.model.ByteSize;
import org.heshell.remote.SftpPut;
import org.heshell.remote.SshSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "copy", header = "Copy a catalog backup to a directory or over SFTP, checked there.", description = {
    "Copy a catalog backup somewhere else: a directory (a disk, an NFS or CIFS mount) or sftp://HOST/DIR over SSH "
        + "(host key checked, the shell's SSH user). The copy is checked on the far side (its SHA-256 read there) "
        + "before it takes its name, and recorded in the catalog; `backup list` shows the copies.",
    "A destination that is read-only or has too little room is refused before anything is written; a copy cut short"
        + " (the machine or heshell killed) leaves only a hidden .NAME.part there, which the next copy replaces.",
    "The engine VM's disk sits on the storage a disaster takes: keep a copy off it."},
        footer = {"%nExamples:", "  backup copy ID --to /mnt/backups",
            "  backup copy ID --to sftp://backup.example.com/srv/engine-backups"})
public final class BackupCopyCommand implements Callable<Result> {
    private final CommandContext ctx;
    private final Catalog catalog;

    @Parameters(index = "0", paramLabel = "ID", completionCandidates = BackupIds.class,
            description = "A backup in the catalog.")
    String id;

    @Option(names = "--to", required = true, paramLabel = "DEST", description = "A directory, or sftp://HOST/DIR.")
    String to;

    public BackupCopyCommand(CommandContext ctx, Catalog catalog) {
        this.ctx = ctx;
        this.catalog = catalog;
    }

    @Override
    public Result call() {
        CatalogEntry e = catalog.find(id).orElseThrow(() -> new CommandException("no backup '" + id
                + "' in the catalog (`backup list` shows them)", 2, null));
        if (!Files.isRegularFile(e.file())) {
            throw new CommandException("backup " + id + "'s file " + e.file() + " is gone; nothing to copy", 1, null);
        }
        // A damaged backup is never spread: the local file must still be what was fetched and verified.
        String sha256;
        try {
            sha256 = Checksums.sha256(e.file());
        } catch (IOException x) {
            throw new CommandException("cannot read " + e.file() + ": " + x.getMessage(), 1, x);
        }
        if (!e.verified() || !sha256.equals(e.diskSha256())) {
            throw new CommandException("backup " + id + " is not verified (or changed since its fetch): `backup"
                    + " verify " + id + "` says why; nothing was copied", 1, null);
        }
        String location = to.startsWith("sftp://") ? sftp(e) : local(e, sha256);
        Instant now = Instant.now();
        catalog.record(e.withCopy(new BackupCopy(location, now, now, true)));
        return new Result.Text("Copied " + id + " to " + location + " (" + (e.size() + 1023) / 1024
                + " KiB); its sha256 was read back there and matches");
    }

    private String local(CatalogEntry e, String sha256) {
        Path dir = Path.of(to).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new CommandException("--to " + to + " is not a directory; create it (or mount it) first", 2, null);
        }
        try {
            var store = Files.getFileStore(dir);
            if (store.isReadOnly()) {
                throw new CommandException("--to " + to + " is on a read-only file system; nothing was copied (mount"
                        + " it read-write, or copy elsewhere)", 1, null);
            }
            if (!Files.isWritable(dir)) {
                throw new CommandException("--to " + to + " does not let you write in it (permission denied);"
                        + " nothing was copied (give yourself write access there, or copy elsewhere)", 1, null);
            }
            // The file itself: an encrypted backup is a little larger than the archive whose size is recorded.
            long needed = Files.size(e.file());
            long free = store.getUsableSpace();
            if (free < needed) {
                throw new CommandException("--to " + to + " has " + ByteSize.text(free) + " free and the backup"
                        + " needs " + ByteSize.text(needed) + "; nothing was copied (free space there, or copy"
                        + " elsewhere)", 1, null);
            }
            return LocalCopy.copy(e.file(), dir, sha256).toString();
        } catch (IOException x) {
            String why = x instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : x instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : String.valueOf(x.getMessage());
            throw new CommandException("copying " + id + " to " + dir + " failed (" + why + "); no copy took the"
                    + " backup's name there and the catalog records none", 1, x);
        }
    }

    private String sftp(CatalogEntry e) {
        URI uri;
        try {
            uri = URI.create(to);
        } catch (IllegalArgumentException x) {
            throw new CommandException("--to " + to + " is not an sftp://HOST/DIR address", 2, null);
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().isEmpty() || uri.getUserInfo() != null) {
            throw new CommandException("--to " + to + " must be sftp://HOST/DIR (the user is the shell's SSH user)",
                    2, null);
        }
        String dir = uri.getPath().replaceAll("/+$", "");
        String remote = (dir.isEmpty() ? "" : dir) + "/" + e.file().getFileName();
        try (SshSession ssh = ctx.connector().ssh(uri.getHost()); SFTPClient client = ssh.sftp()) {
            if (client.statExistence(dir.isEmpty() ? "/" : dir) == null) {
                throw new CommandException(uri.getHost() + " has no directory " + dir + "; create it first", 2, null);
            }
            SftpPut.put(ssh, client, e.file(), remote, ctx.progress());
        } catch (IOException x) {
            throw new CommandException("closing SFTP to " + uri.getHost() + " failed: " + x.getMessage(), 1, x);
        }
        return "sftp://" + uri.getHost() + remote;
    }
}
