using Adversa.Cli;

return CommandLine.Run(args);
