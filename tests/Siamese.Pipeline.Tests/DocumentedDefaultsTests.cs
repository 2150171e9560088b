using Siamese.Pipeline.Datasets;
using Siamese.Pipeline.Uploads;
using Siamese.Testing;

namespace Siamese.Pipeline.Tests;

public class DocumentedDefaultsTests
{
    [Fact]
    public void The_docs_state_the_preparation_defaults_of_PreparationOptions() =>
        DocumentedDefaults.AreThoseOf(new PreparationOptions(), DocumentedDefaults.Table("Configuration (section `Preparation`"),
            atLeast: 15);

    [Fact]
    public void The_docs_state_the_reconciler_defaults_of_ReconcileOptions() =>
        DocumentedDefaults.AreThoseOf(new ReconcileOptions(), DocumentedDefaults.Table("The reconciler (section `Reconcile`"),
            atLeast: 2);
}
