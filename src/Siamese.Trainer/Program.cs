using Siamese.Model.Torch;
using Siamese.Trainer.Commands;

CpuKernels.AvoidFaultyAvx512(); // before the first torch call: LibTorch reads the variables once
NativeAllocator.ReuseFreedMemory();
return await TrainerCommandLine.InvokeAsync(args, Console.Out, Console.Error);
