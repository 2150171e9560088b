using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Siamese.Serving.Provider;

namespace Siamese.Functions;

/// <summary>
/// Tells the model warm-up that this instance serves HTTP (<see cref="ModelWarmUp.Begin"/>): it runs before every HTTP-triggered
/// function, and only those, so an instance that only prepares datasets never loads the model.
/// </summary>
internal sealed class WarmUpOnHttp(ModelWarmUp warmUp) : IFunctionsWorkerMiddleware
{
    public static bool IsHttp(FunctionContext context) =>
        context.FunctionDefinition.InputBindings.Values.Any(binding =>
            binding.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase));

    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        warmUp.Begin();
        return next(context);
    }
}
