package org.glyphocr.cli;

import org.glyphocr.model.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code java -jar glyph-ocr.jar COMMAND}: classify, eval, train, info, glyph. Exit status 0 on
 * success, 1 when an input is bad (a one-line message on stderr names the file and the problem),
 * 2 for a usage error. Machine-readable output ({@code --json}) is one JSON object on stdout;
 * human messages and progress go to stderr.
 */
@Command(name = "glyph-ocr", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Recognizes glyph images with a multilayer perceptron and trains new alphabets.",
        usageHelpAutoWidth = true)
public final class Main implements Runnable {
    /** The commands, in the order the usage help lists them. */
    static final List<Class<?>> COMMANDS = List.of(ClassifyCommand.class, EvalCommand.class, TrainCommand.class,
            InfoCommand.class, GlyphCommand.class, BenchCommand.class, AugmentCommand.class, SearchCommand.class,
            SynthCommand.class, ReadCommand.class, CalibrateCommand.class, FinetuneCommand.class, CommandLine.HelpCommand.class);

    /** Exit status for bad input (a missing file, a corrupt model, an empty dataset). */
    public static final int EXIT_BAD_INPUT = 1;
    /** Exit status for a usage error (unknown option, missing argument). */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: classify, eval, train, info or glyph");
    }

    public static void main(String[] args) {
        // The library's log messages (why a GPU was passed over, say) as one line each on stderr,
        // unless the user configured java.util.logging.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null
                && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "glyph-ocr: %5$s%n");
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit status (never exits). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        // Only the command asked for, when one is: picocli inspects every option of every command it
        // is given, which took a fifth of a second of each start of a short `read` or `classify`.
        Class<?> named = args.length == 0 ? null : COMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(args[0]))
                .findFirst().orElse(null);
        for (Class<?> command : named != null ? List.of(named) : COMMANDS) cli.addSubcommand(command);
        return execute(cli, args, out, err);
    }

    /**
     * Runs a picocli command as glyph-ocr's own commands run, with the given streams, and returns
     * the exit status (never exits): 0, {@link #EXIT_BAD_INPUT} with one line on {@code err} for
     * bad input, {@link #EXIT_USAGE} for a usage error; a bug keeps its stack trace. For commands
     * outside this jar too, such as glyph-ocr-spark's {@code RecognizeJob}.
     *
     * @param command an object annotated with picocli's {@code @Command}
     */
    public static int run(Object command, String[] args, PrintStream out, PrintStream err) {
        return execute(new CommandLine(command), args, out, err);
    }

    private static int execute(CommandLine cli, String[] args, PrintStream out, PrintStream err) {
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler(new Failures());
        // The last of a repeated option wins, so scripts can override a default they spelled out.
        cli.setOverwrittenOptionsAllowed(true);
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }

    /** Version from the jar's build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"glyph-ocr " + Provenance.currentLibraryVersion()};
        }
    }

    /** Turns the user's mistakes into one line on stderr; bugs keep their stack trace. */
    private static final class Failures implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) throws Exception {
            String message = UserErrors.describe(ex);
            if (message == null) throw ex;
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);
            return EXIT_BAD_INPUT;
        }
    }
}
