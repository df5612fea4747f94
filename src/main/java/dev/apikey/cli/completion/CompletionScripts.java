package dev.apikey.cli.completion;

import dev.apikey.cli.completion.CompletionModel.Command;
import dev.apikey.cli.completion.CompletionModel.Option;
import dev.apikey.cli.completion.CompletionModel.Positional;
import dev.apikey.cli.completion.CompletionModel.Subcommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The completion scripts. Each is a fixed engine per shell (a resource beside this class) that walks
 * the words typed so far, plus the command model written out in that shell's syntax. Values are
 * named by kind ({@code ref}, {@code newref}, {@code provider}, {@code file}, {@code dir},
 * {@code cmd}, {@code w:ONE,TWO} or {@code none}), the same in every shell.
 */
public final class CompletionScripts {
    /** Words written into scripts unquoted-safe: names, options, enum constants. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern OPTION = Pattern.compile("--?[A-Za-z0-9][A-Za-z0-9-]*");

    public enum Shell {
        BASH("bash", "apikey.bash", CompletionScripts::bashModel),
        ZSH("zsh", "_apikey", CompletionScripts::zshModel),
        FISH("fish", "apikey.fish", CompletionScripts::fishModel),
        POWERSHELL("powershell", "apikey.ps1", CompletionScripts::powerShellModel);

        private final String id;
        private final String fileName;
        private final Function<CompletionModel, String> model;

        Shell(String id, String fileName, Function<CompletionModel, String> model) {
            this.id = id;
            this.fileName = fileName;
            this.model = model;
        }

        /** The name users type: {@code apikey completion <id>}. */
        public String id() {
            return id;
        }

        /** The script's file name in {@code completions/}, as each shell's loader expects it. */
        public String fileName() {
            return fileName;
        }
    }

    private CompletionScripts() {
    }

    public static String render(Shell shell, CompletionModel model) {
        String engine = resource("engine." + switch (shell) {
            case BASH -> "bash";
            case ZSH -> "zsh";
            case FISH -> "fish";
            case POWERSHELL -> "ps1";
        });
        return engine.replace("@MODEL@\n", shell.model.apply(model));
    }

    private static String bashModel(CompletionModel model) {
        StringBuilder b = new StringBuilder();
        b.append("__apikey_types='").append(words(model.builtInProviders(), " ")).append("'\n\n");
        b.append("# What each command accepts: subcommands, options, options that take a value (with what\n")
                .append("# completes it) and positional parameters by index.\n");
        b.append("__apikey_model() {\n    case $1 in\n");
        for (Command c : model.commands()) {
            b.append("    '").append(words(c.path(), " ")).append("')\n");
            b.append("        __apikey_subs='").append(words(c.subcommands().stream().map(Subcommand::name).toList(), " "))
                    .append("'\n");
            b.append("        __apikey_options='").append(optionNames(c)).append("'\n");
            b.append("        __apikey_valued='").append(valued(c)).append("'\n");
            b.append("        __apikey_pos='").append(String.join(" ", positionals(c))).append("'\n");
            b.append("        ;;\n");
        }
        b.append("    esac\n}\n\n");
        return b.toString();
    }

    private static String zshModel(CompletionModel model) {
        StringBuilder b = new StringBuilder();
        b.append("__apikey_types=(").append(words(model.builtInProviders(), " ")).append(")\n\n");
        b.append("# What each command accepts: subcommands and options with their descriptions, options that\n")
                .append("# take a value (with what completes it) and positional parameters by index.\n");
        b.append("__apikey_model() {\n    case $1 in\n");
        for (Command c : model.commands()) {
            b.append("    '").append(words(c.path(), " ")).append("')\n");
            b.append("        __apikey_subs=(");
            appendDescribed(b, c.subcommands().stream().map(s -> new String[] {s.name(), s.description()}).toList(),
                    "\n            ", CompletionScripts::zshDescribed);
            b.append(")\n        __apikey_options=(");
            appendDescribed(b, described(c), "\n            ", CompletionScripts::zshDescribed);
            b.append(")\n");
            b.append("        __apikey_valued='").append(valued(c)).append("'\n");
            b.append("        __apikey_pos='").append(String.join(" ", positionals(c))).append("'\n");
            b.append("        ;;\n");
        }
        b.append("    esac\n}\n\n");
        return b.toString();
    }

    private static String fishModel(CompletionModel model) {
        StringBuilder b = new StringBuilder();
        b.append("set -g __apikey_types ").append(words(model.builtInProviders(), " ")).append("\n\n");
        b.append("# What each command accepts: subcommands and options with their descriptions, options that\n")
                .append("# take a value (with what completes it) and positional parameters by index.\n");
        b.append("function __apikey_model --argument-names cmdpath\n    switch $cmdpath\n");
        for (Command c : model.commands()) {
            b.append("        case '").append(words(c.path(), " ")).append("'\n");
            b.append("            set -g __apikey_subs");
            appendDescribed(b, c.subcommands().stream().map(s -> new String[] {s.name(), s.description()}).toList(),
                    " \\\n                ", CompletionScripts::fishDescribed);
            b.append("\n            set -g __apikey_sub_names ")
                    .append(words(c.subcommands().stream().map(Subcommand::name).toList(), " "));
            b.append("\n            set -g __apikey_options");
            appendDescribed(b, described(c), " \\\n                ", CompletionScripts::fishDescribed);
            List<String> valued = new ArrayList<>();
            List<String> valuedNames = new ArrayList<>();
            for (Option o : c.options()) {
                if (o.takesValue()) {
                    for (String n : o.names()) {
                        valued.add("'" + option(n) + "=" + kind(o.value()) + "'");
                        valuedNames.add(n);
                    }
                }
            }
            b.append("\n            set -g __apikey_valued ").append(String.join(" ", valued));
            b.append("\n            set -g __apikey_valued_names ").append(String.join(" ", valuedNames));
            b.append("\n            set -g __apikey_pos");
            for (String p : positionals(c)) {
                b.append(" '").append(p).append("'");
            }
            b.append("\n");
        }
        b.append("    end\nend\n\n");
        return b.toString();
    }

    private static String powerShellModel(CompletionModel model) {
        String i = "    ";
        StringBuilder b = new StringBuilder();
        b.append(i).append("# What each command accepts: subcommands and options with their descriptions, options that\n")
                .append(i).append("# take a value (with what completes it) and positional parameters by index.\n");
        b.append(i).append("$ApikeyProviderTypes = @(").append(String.join(", ",
                model.builtInProviders().stream().map(t -> psQuote(word(t))).toList())).append(")\n");
        b.append(i).append("$ApikeyCommands = @{\n");
        for (Command c : model.commands()) {
            b.append(i).append(i).append(psQuote(words(c.path(), " "))).append(" = @{\n");
            String in = i.repeat(3);
            b.append(in).append("Subs = [ordered]@{");
            appendDescribed(b, c.subcommands().stream().map(s -> new String[] {s.name(), s.description()}).toList(),
                    "\n" + in + i, CompletionScripts::psDescribed);
            b.append(c.subcommands().isEmpty() ? "}\n" : "\n" + in + "}\n");
            b.append(in).append("Options = [ordered]@{");
            List<String[]> options = described(c);
            appendDescribed(b, options, "\n" + in + i, CompletionScripts::psDescribed);
            b.append(options.isEmpty() ? "}\n" : "\n" + in + "}\n");
            List<String> valued = new ArrayList<>();
            for (Option o : c.options()) {
                if (o.takesValue()) {
                    for (String n : o.names()) {
                        valued.add(psQuote(option(n)) + " = " + psQuote(kind(o.value())));
                    }
                }
            }
            b.append(in).append("Valued = @{").append(String.join("; ", valued)).append("}\n");
            List<String> positionals = c.positionals().stream().map(p -> "@(" + p.from() + ", "
                    + (p.to() == Integer.MAX_VALUE ? "[int]::MaxValue" : String.valueOf(p.to())) + ", "
                    + psQuote(kind(p.value())) + ")").toList();
            b.append(in).append("Positionals = @(").append(positionals.size() == 1 ? ", " : "")
                    .append(String.join(", ", positionals)).append(")\n");
            b.append(in).append("RunsCommand = $").append(c.runsCommand()).append("\n");
            b.append(i).append(i).append("}\n");
        }
        b.append(i).append("}\n\n");
        return b.toString();
    }

    private static void appendDescribed(StringBuilder b, List<String[]> entries, String separator,
                                        Function<String[], String> format) {
        for (String[] e : entries) {
            b.append(separator).append(format.apply(e));
        }
    }

    private static String zshDescribed(String[] e) {
        return shQuote(e[0] + ":" + e[1]);
    }

    private static String fishDescribed(String[] e) {
        return fishQuote(e[0]) + "\\t" + fishQuote(e[1]);
    }

    private static String psDescribed(String[] e) {
        return psQuote(e[0]) + " = " + psQuote(e[1]);
    }

    /** Each option name with its command's description of it. */
    private static List<String[]> described(Command c) {
        List<String[]> out = new ArrayList<>();
        for (Option o : c.options()) {
            for (String n : o.names()) {
                out.add(new String[] {option(n), o.description()});
            }
        }
        return out;
    }

    private static String optionNames(Command c) {
        return String.join(" ", c.options().stream().flatMap(o -> o.names().stream()).map(CompletionScripts::option).toList());
    }

    /** {@code " --backend=w:keychain,file,env --config-dir=dir "}: padded, so a lookup can match {@code " NAME="}. */
    private static String valued(Command c) {
        StringBuilder b = new StringBuilder(" ");
        for (Option o : c.options()) {
            if (o.takesValue()) {
                for (String n : o.names()) {
                    b.append(option(n)).append('=').append(kind(o.value())).append(' ');
                }
            }
        }
        return b.toString();
    }

    /** {@code ["0-0=ref", "1-*=none"]}. */
    private static List<String> positionals(Command c) {
        List<String> out = new ArrayList<>();
        for (Positional p : c.positionals()) {
            out.add(p.from() + "-" + (p.to() == Integer.MAX_VALUE ? "*" : String.valueOf(p.to())) + "=" + kind(p.value()));
        }
        return out;
    }

    static String kind(ValueCompletion v) {
        return switch (v.kind()) {
            case NONE -> "none";
            case KEY_REF -> "ref";
            case NEW_KEY_REF -> "newref";
            case PROVIDER -> "provider";
            case FILE -> "file";
            case DIRECTORY -> "dir";
            case COMMAND -> "cmd";
            case WORDS -> "w:" + words(v.words(), ",");
        };
    }

    private static String words(List<String> words, String separator) {
        return String.join(separator, words.stream().map(CompletionScripts::word).toList());
    }

    /** Names go into scripts as they are, so they must need no quoting in any shell. */
    private static String word(String w) {
        if (!WORD.matcher(w).matches()) {
            throw new IllegalStateException("'" + w + "' cannot be completed: names in completion scripts must match "
                    + WORD.pattern());
        }
        return w;
    }

    private static String option(String o) {
        if (!OPTION.matcher(o).matches()) {
            throw new IllegalStateException("option '" + o + "' cannot be completed: it must match " + OPTION.pattern());
        }
        return o;
    }

    private static String shQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String fishQuote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String psQuote(String s) {
        // PowerShell also closes a single-quoted string at typographic quotes.
        return "'" + s.replaceAll("['\u2018\u2019\u201a\u201b]", "$0$0") + "'";
    }

    private static String resource(String name) {
        try (InputStream in = CompletionScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
