using Siamese.Pipeline.Preparation;
using Siamese.Testing;

namespace Siamese.Pipeline.Tests;

public class ReadmeTests
{
    [Fact]
    public void The_readme_states_the_preparation_defaults_of_PreparationOptions() =>
        ReadmeDefaults.AreThoseOf(new PreparationOptions(), ReadmeDefaults.Table("Configuration (section `Preparation`"), atLeast: 15);

    [Fact]
    public void The_readme_states_the_reconciler_defaults_of_ReconcileOptions() =>
        ReadmeDefaults.AreThoseOf(new ReconcileOptions(), ReadmeDefaults.Table("The reconciler (section `Reconcile`"), atLeast: 2);
}
