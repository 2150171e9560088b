// The whole stack runs per test: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
