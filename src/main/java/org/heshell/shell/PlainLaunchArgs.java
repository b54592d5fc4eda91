package org.heshell.shell;

import java.lang.reflect.Field;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * ./shell's command line read straight from {@link LaunchOptions}' annotations, for the plain forms every script
 * uses ({@code --name value}, {@code --name=value}, flags, words): building picocli's model of it costs a one-shot
 * run more than its command. Anything else (help, a mistake, a cluster of short options, {@code --}) is left to
 * picocli, which then reads the same declaration and says what is wrong.
 */
final class PlainLaunchArgs {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");
    /** What {@code @Option(defaultValue)} is when an option declares none. */
    private static final Object NO_DEFAULT = noDefault();
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})?");

    /** An option's field and the object holding it (the options, or a mixin of them). */
    private record Target(Field field, Object owner) {
    }

    private PlainLaunchArgs() {
    }

    private static Object noDefault() {
        try {
            return Option.class.getMethod("defaultValue").getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The options, or null when {@code args} need picocli. */
    static LaunchOptions read(String[] args) {
        LaunchOptions o = new LaunchOptions();
        Map<String, Target> options = new HashMap<>();
        Field rest = null;
        try {
            for (Field f : LaunchOptions.class.getDeclaredFields()) {
                if (f.isAnnotationPresent(Mixin.class)) {
                    f.setAccessible(true);
                    Object mixin = f.get(o);
                    for (Field m : mixin.getClass().getDeclaredFields()) {
                        declare(options, m, mixin);
                    }
                } else if (f.isAnnotationPresent(Parameters.class)) {
                    rest = f;
                } else {
                    declare(options, f, o);
                }
            }
            if (rest == null) {
                return null;
            }
            @SuppressWarnings("unchecked")
            List<String> words = (List<String>) rest.get(o);
            Set<Field> given = new HashSet<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.isEmpty() || a.equals("-") || a.equals("--")) {
                    return null;
                }
                if (!a.startsWith("-")) {
                    words.add(a);
                    continue;
                }
                int eq = a.indexOf('=');
                String name = eq < 0 ? a : a.substring(0, eq);
                Target t = options.get(name);
                if (t == null || !given.add(t.field())) {
                    return null; // unknown, help, version, or given twice: picocli's to answer
                }
                Class<?> type = t.field().getType();
                if (type == boolean.class) {
                    if (eq >= 0) {
                        return null;
                    }
                    t.field().setBoolean(t.owner(), true);
                    continue;
                }
                String value;
                if (eq >= 0) {
                    value = a.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    return null;
                }
                if (value.startsWith("-") || !assign(t, value)) {
                    return null;
                }
            }
        } catch (IllegalAccessException e) {
            return null;
        }
        return o;
    }

    /** An option's names, and its default value set as picocli sets it. */
    private static void declare(Map<String, Target> options, Field f, Object owner) throws IllegalAccessException {
        Option opt = f.getAnnotation(Option.class);
        if (opt == null || opt.usageHelp() || opt.versionHelp()) {
            return;
        }
        f.setAccessible(true);
        Target t = new Target(f, owner);
        for (String name : opt.names()) {
            options.put(name, t);
        }
        if (!opt.defaultValue().equals(NO_DEFAULT) && !assign(t, opt.defaultValue())) {
            throw new IllegalStateException("the default of " + f + " is not a plain value");
        }
    }

    /** Converts and sets a value of the types the launch options use; false when it is not plainly one. */
    private static boolean assign(Target t, String value) throws IllegalAccessException {
        Class<?> type = t.field().getType();
        Object v;
        if (type == String.class) {
            v = value;
        } else if (type == Path.class) {
            try {
                v = Path.of(value);
            } catch (InvalidPathException e) {
                return false;
            }
        } else if (type == Integer.class && WHOLE_NUMBER.matcher(value).matches()) {
            v = Integer.valueOf(value);
        } else if (type == Double.class && DECIMAL.matcher(value).matches()) {
            v = Double.valueOf(value);
        } else {
            return false;
        }
        t.field().set(t.owner(), v);
        return true;
    }
}
