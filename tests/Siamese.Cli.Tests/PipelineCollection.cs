using Siamese.Testing.Stack;

namespace Siamese.Cli.Tests;

/// <summary>The tests of this assembly that share one Azurite and local functions host.</summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<StackFixture>
{
    public const string Name = StackFixture.Collection;
}
