using Siamese.Testing.Pipeline;

namespace Siamese.Cli.Tests;

/// <summary>The tests of this assembly that share one Azurite and local functions host.</summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = PipelineFixture.Collection;
}
