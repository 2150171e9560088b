using System.Runtime.ExceptionServices;

namespace Siamese.Model;

/// <summary>Parallel.For that reports bad input as the <see cref="InvalidInputException"/> itself, not wrapped.</summary>
public static class ParallelWork
{
    public static void For(int count, CancellationToken cancellationToken, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, body);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.OfType<InvalidInputException>().FirstOrDefault() is { } input)
        {
            ExceptionDispatchInfo.Capture(input).Throw();
        }
    }
}
