// Torch tests share one process-wide random generator and two cores: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
