using Siamese.Cli;

return await CliCommandLine.InvokeAsync(args, Console.Out, Console.Error);
