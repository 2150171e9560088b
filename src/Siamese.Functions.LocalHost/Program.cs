using Siamese.Functions.LocalHost;
using Siamese.Model.Torch;

NativeAllocator.ReuseFreedMemory();
LocalFunctionsHost.Create(args).Run();
