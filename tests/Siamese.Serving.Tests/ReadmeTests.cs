using Siamese.Testing;

namespace Siamese.Serving.Tests;

public class ReadmeTests
{
    [Fact]
    public void The_readme_states_the_serving_defaults_of_ServingOptions() =>
        ReadmeDefaults.AreThoseOf(new ServingOptions(), ReadmeDefaults.Mentions("Serving"), atLeast: 5);
}
