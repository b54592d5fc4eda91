package org.heshell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which commands run without a parser when given alone, and what is declared only when a name needs it. */
class ArgumentlessTest {
    @Test
    void onlyCommandsThatDeclareNothingToParseSkipTheParser() {
        assertTrue(Argumentless.is(HostsCommand.class));
        assertTrue(Argumentless.is(MapCommand.class));
        assertFalse(Argumentless.is(VmsCommand.class), "options and parameters");
        assertFalse(Argumentless.is(HostCommand.class), "subcommands");
        assertFalse(Argumentless.is(HelpCommand.class), "a parameter");
        assertFalse(Argumentless.is(ConnectCommand.class), "a mixin");
    }

    @Test
    void commandsDeclaredLaterAreDeclaredOnlyWhenANameNeedsThem() {
        Commands commands = new Commands(new CommandContext(null, (org.heshell.engine.EngineSession) null));
        commands.add(HelpCommand.class);
        commands.add(ExitCommand.class);
        List<String> declared = new ArrayList<>();
        commands.addLater(() -> {
            declared.add("later");
            commands.add(MapCommand.class);
        });
        assertTrue(commands.execute(List.of("exit")) instanceof Result.Exit);
        assertEquals(List.of(), declared, "a known command declares nothing more");
        String overview = ((Result.Text) commands.execute(List.of("help"))).text();
        assertTrue(overview.contains("map "), overview);
        assertEquals(List.of("later"), declared, "help lists them all, declared once");
        commands.names();
        assertEquals(List.of("later"), declared);
    }
}
