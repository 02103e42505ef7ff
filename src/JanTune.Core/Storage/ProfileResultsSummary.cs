namespace JanTune.Core.Storage;

/// <summary>What the store holds for one hardware profile (<c>jantune results list</c>).</summary>
public sealed record ProfileResultsSummary(string ProfileId, int Trials, int Ok, int Failed, int Models, DateTimeOffset LastRecordedAt);
