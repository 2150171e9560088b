using Siamese.Trainer.Commands;

return await TrainerCommandLine.InvokeAsync(args, Console.Out, Console.Error);
