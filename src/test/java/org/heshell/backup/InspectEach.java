package org.heshell.backup;

import java.nio.file.Path;

/** Inspects each file named, in this JVM, printing one line each: "verified" or the refusal, or what went wrong. */
public final class InspectEach {
    private InspectEach() {
    }

    public static void main(String[] args) {
        for (String a : args) {
            String answer;
            try {
                BackupArchive.inspect(Path.of(a));
                answer = "verified";
            } catch (BackupFormatException e) {
                answer = "refused: " + e.getMessage();
            } catch (Throwable t) {
                answer = "FAILED: " + t;
            }
            System.out.println(Path.of(a).getFileName() + " => " + answer);
        }
    }
}
