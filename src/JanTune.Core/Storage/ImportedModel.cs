using JanTune.Core.Sweeps;

namespace JanTune.Core.Storage;

/// <summary>A GGUF file an imported row names, found on this machine: where it is, its identity and the facts a fit reads.</summary>
public sealed record ImportedModel(string Path, string Identity, ModelFacts Facts);
