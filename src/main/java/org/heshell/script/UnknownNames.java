package org.heshell.script;

import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.heshell.command.Suggestions;

/** Groovy's "no such method or property" as heshell says it: the name meant, closest first. */
final class UnknownNames {
    private UnknownNames() {
    }

    /** {@code variables}: the script's own names (the commands, or also the model), for one used at top level. */
    static String describe(RuntimeException e, Collection<String> variables) {
        String name;
        Class<?> type;
        boolean method = e instanceof MissingMethodException;
        if (e instanceof MissingMethodException m) {
            name = m.getMethod();
            type = m.getType();
        } else {
            MissingPropertyException p = (MissingPropertyException) e;
            name = p.getProperty();
            type = p.getType();
        }
        boolean topLevel = type == null || Script.class.isAssignableFrom(type);
        Collection<String> names = topLevel ? variables : members(type, method);
        List<String> close = Suggestions.closest(name, names, 3);
        String what = (method ? "no method " + name + "()" : "no " + (topLevel ? "variable " : "field ") + name)
                + (topLevel ? " in this script" : " on " + type.getSimpleName());
        return what + (close.isEmpty() ? "" : "; closest: " + String.join(", ", close.stream()
                .map(c -> method || !topLevel ? c + "()" : c).toList()))
                + (topLevel && method ? " (every command is a method: `help` lists them)" : "");
    }

    private static List<String> members(Class<?> type, boolean method) {
        return Arrays.stream(type.getMethods()).filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getDeclaringClass() != Object.class && !m.getDeclaringClass().getName()
                        .startsWith("groovy."))
                .filter(m -> method || m.getParameterCount() == 0).map(Method::getName).distinct().sorted().toList();
    }
}
