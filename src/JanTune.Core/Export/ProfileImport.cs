namespace JanTune.Core.Export;

/// <summary>What <see cref="ProfileArchive.Import"/> did.</summary>
/// <param name="Id">The profile id.</param>
/// <param name="TrialsAdded">Trials appended to this workspace's results store.</param>
/// <param name="TrialsAlreadyStored">Trials of the archive the store already held (an import repeated).</param>
/// <param name="HasRecommendation">Whether the archive carried recommended.json.</param>
public sealed record ProfileImport(string Id, int TrialsAdded, int TrialsAlreadyStored, bool HasRecommendation);
