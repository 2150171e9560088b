using Siamese.Testing;

namespace Siamese.Serving.Tests;

public class DocumentedDefaultsTests
{
    [Fact]
    public void The_docs_state_the_serving_defaults_of_ServingOptions() =>
        DocumentedDefaults.AreThoseOf(new ServingOptions(), DocumentedDefaults.Mentions("Serving"), atLeast: 5);
}
