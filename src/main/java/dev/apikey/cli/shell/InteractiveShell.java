package dev.apikey.cli.shell;

import dev.apikey.cli.completion.CompletionModel;
import dev.apikey.metadata.AtomicFile;
import dev.apikey.metadata.ConfigFiles;
import java.util.function.Function;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code apikey shell}: reads command lines with completion and history, and runs each as its own
 * invocation of apikey (fresh global options, fresh state), in this process. Ctrl-C at the prompt
 * clears the line; while a command runs it interrupts that command only.
 */
public final class InteractiveShell {
    private static final String PROMPT = "apikey> ";

    private final dev.apikey.term.Terminal terminal;
    private final Function<dev.apikey.term.Terminal, Invocations> invocations;
    private final CompletionModel model;
    private final Path historyFile;

    /**
     * @param invocations runs the commands typed, through the shell's terminal, with the config directory (and
     *                    backend) the shell was started with
     * @param historyFile where the history is kept
     */
    public InteractiveShell(dev.apikey.term.Terminal terminal,
                            Function<dev.apikey.term.Terminal, Invocations> invocations, CompletionModel model,
                            Path historyFile) {
        this.terminal = terminal;
        this.invocations = invocations;
        this.model = model;
        this.historyFile = historyFile;
    }

    public int run() {
        PrintStream err = terminal.err();
        try (org.jline.terminal.Terminal jline = TerminalBuilder.builder().system(true)
                .systemOutput(TerminalBuilder.SystemOutput.SysErr)
                .nativeSignals(true)
                // Between commands Ctrl-C does nothing; at the prompt the line reader takes it, and
                // while a command runs it interrupts that command.
                .signalHandler(SignalHandler.SIG_IGN)
                .build()) {
            Invocations commands = invocations.apply(new ShellTerminal(terminal, jline));
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(jline)
                    .appName("apikey")
                    .parser(new DefaultParser())
                    .completer(new ShellCompleter(model, commands::nameCache))
                    .history(new SecretFreeHistory())
                    .variable(LineReader.HISTORY_FILE, prepareHistoryFile())
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                    .build();
            err.println("apikey shell: type commands without 'apikey'; TAB completes, 'help' lists commands, "
                    + "Ctrl-D or 'exit' leaves.");
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt: a fresh line, as in any shell
                } catch (EndOfFileException e) {
                    break;
                }
                List<String> words = new ArrayList<>(reader.getParsedLine().words());
                words.removeIf(String::isEmpty);
                if (!words.isEmpty() && words.get(0).equals("apikey")) {
                    words.remove(0);
                }
                if (words.isEmpty()) {
                    continue;
                }
                if (words.size() == 1 && (words.get(0).equals("exit") || words.get(0).equals("quit"))) {
                    break;
                }
                if (words.get(0).equals("shell")) {
                    err.println("apikey: already in the shell");
                    continue;
                }
                runCommand(commands, jline, words);
            }
            reader.getHistory().save();
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one command; Ctrl-C meanwhile interrupts it, and only it. */
    private static void runCommand(Invocations commands, org.jline.terminal.Terminal jline, List<String> words) {
        Thread command = Thread.currentThread();
        SignalHandler previous = jline.handle(Signal.INT, signal -> command.interrupt());
        try {
            commands.run(words.toArray(String[]::new));
        } finally {
            jline.handle(Signal.INT, previous);
            Thread.interrupted(); // a Ctrl-C that came as the command ended cancels nothing else
        }
    }

    /** The history file, created private (0600) in a private directory before JLine first writes it. */
    private Path prepareHistoryFile() {
        AtomicFile.ensureDirectory(historyFile.getParent());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            try {
                Files.createFile(historyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                // kept from an earlier session
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ConfigFiles.refuseLink(historyFile); // JLine reads and writes it through any link
        return historyFile;
    }
}
