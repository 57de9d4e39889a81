package org.concretelab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the command line: {@code java -jar concrete-explorer.jar <subcommand> ...}. */
@Command(name = "concrete-explorer",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Concrete Explorer: the Concrete (Gumbel-Softmax) distribution and its discrete-latent VAE.",
            "Run without arguments to open the desktop app."},
        subcommands = {CommandLine.HelpCommand.class, DataCommand.class, TrainCommand.class, EvalCommand.class,
            BenchCommand.class, ExportCommand.class, ReferenceCommand.class, GradientsCommand.class, SweepCommand.class})
public final class ExplorerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Parses and runs {@code args}; returns the process exit code. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** The command line with every subcommand registered. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new ExplorerCommand()).setParameterExceptionHandler(ExplorerCommand::refuse);
    }

    /**
     * A mistyped command line: "error: " and picocli's reason first (a sweep reports a job's last "error:" line, so the
     * reason must not be buried under the usage text), then where to find the options.
     */
    private static int refuse(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        java.io.PrintWriter err = cmd.getErr();
        err.println("error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for its options.");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
