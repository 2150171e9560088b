// The tests share one Azurite and local functions host, and two cores: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
