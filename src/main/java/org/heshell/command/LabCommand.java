package org.heshell.command;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "lab", description = "The lab's own controls: faults to inject for lessons and tests.",
        subcommands = {LabCommand.Faults.class, LabCommand.Fault.class},
        footer = {"%nExamples:", "  lab fault slow 200", "  lab fault drop-connection after 1048576", "  lab faults",
            "  lab fault clear"})
public final class LabCommand {

    @Command(name = "faults", description = "Show the faults injected into the lab's machines.")
    public static final class Faults implements Callable<Result> {
        private final CommandContext ctx;

        public Faults(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            return new Result.Text("lab faults: " + ctx.connector().labFaults(null).describe());
        }
    }

    @Command(name = "fault", description = {"Inject a fault into the lab's machines, or clear them all:",
        "  slow KBPS                      SFTP reads at KBPS KiB/s",
        "  drop-connection [after] BYTES  an SSH connection drops after BYTES of SFTP",
        "  disk-full                      the engine VM has no space left (engine-backup fails, df shows 0)",
        "  clear                          no faults"},
            footer = {"%nExample:", "  lab fault drop-connection after 65536"})
    public static final class Fault implements Callable<Result> {
        private final CommandContext ctx;

        @Parameters(paramLabel = "FAULT", arity = "1..3", completionCandidates = Kinds.class,
                description = "slow KBPS | drop-connection [after] BYTES | disk-full | clear")
        List<String> words;

        public Fault(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            LabFaultSettings now = ctx.connector().labFaults(null);
            String kind = words.get(0);
            List<String> rest = words.subList(1, words.size());
            if (!rest.isEmpty() && rest.get(0).equals("after")) {
                rest = rest.subList(1, rest.size());
            }
            LabFaultSettings next = switch (kind) {
                case "slow" -> new LabFaultSettings(now.dropAfterBytes(), (int) number(kind, rest), now.diskFull());
                case "drop-connection" -> new LabFaultSettings(number(kind, rest), now.slowKbps(), now.diskFull());
                case "disk-full" -> new LabFaultSettings(now.dropAfterBytes(), now.slowKbps(), true);
                case "clear" -> LabFaultSettings.NONE;
                default -> throw new CommandException("unknown fault '" + kind + "'; one of: slow, drop-connection,"
                        + " disk-full, clear (`help lab fault`)", 2, null);
            };
            return new Result.Text("lab faults: " + ctx.connector().labFaults(next).describe());
        }

        private static long number(String kind, List<String> rest) {
            try {
                long n = Long.parseLong(rest.get(0));
                if (n <= 0 || n > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (IndexOutOfBoundsException | NumberFormatException e) {
                throw new CommandException("`lab fault " + kind + "` needs a positive number (`help lab fault`)", 2,
                        null);
            }
        }
    }

    /** Completion: the kinds of fault. */
    public static final class Kinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("slow", "drop-connection", "disk-full", "clear").iterator();
        }
    }
}
