// Crash points are process-wide (a static switch, free when off), so tests that run jobs must not
// overlap: an armed point would fire in another test's job.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
