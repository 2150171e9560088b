using Microsoft.Extensions.Hosting;
using Siamese.Functions;
using Siamese.Model.Torch;

NativeAllocator.ReuseFreedMemory();
FunctionsWorkerHost.Create(args).Run();
