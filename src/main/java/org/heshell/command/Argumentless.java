package org.heshell.command;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Whether a command class declares nothing for picocli to parse: no options, parameters, mixins, spec or
 * subcommands. Given alone, such a command needs no parser; it is read from the class's own declaration, so the
 * declaration stays the one source of the command's words.
 */
final class Argumentless {
    private Argumentless() {
    }

    static boolean is(Class<?> type) {
        Command c = type.getAnnotation(Command.class);
        if (c == null || !Callable.class.isAssignableFrom(type) || c.subcommands().length > 0
                || c.mixinStandardHelpOptions()) {
            return false;
        }
        for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
            if (declaresAny(t.getDeclaredFields()) || declaresAny(t.getDeclaredMethods())) {
                return false;
            }
        }
        return true;
    }

    private static boolean declaresAny(AnnotatedElement[] members) {
        for (AnnotatedElement m : members) {
            for (Annotation a : m.getDeclaredAnnotations()) {
                if (a.annotationType().getName().startsWith("picocli.")) {
                    return true;
                }
            }
        }
        return false;
    }
}
