// Inference on a 2-core machine: tests that decode must not compete with each other for cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
