package org.heshell.script;

import java.util.List;

/**
 * What the shell needs to know of a Groovy command without loading Groovy: its name, help text and arguments
 * with their completion. Written once per version of the command's source, beside its compiled classes.
 */
record CommandDeclaration(String name, List<String> aliases, List<String> header, List<String> description,
                          List<String> footer, List<Arg> options, List<Arg> positionals) {
    CommandDeclaration {
        header = header == null ? List.of() : header; // declarations saved before headers existed
    }

    /** An option (names) or positional parameter (index); {@code completion} names a candidates class. */
    record Arg(List<String> names, String index, String paramLabel, String arity, boolean flag,
               List<String> description, String defaultValue, boolean required, boolean hidden, String completion,
               List<String> values) {
    }
}
