namespace JanTune.Server.Api;

/// <summary>GET /v1/models.</summary>
public sealed record ModelList(string Object, IReadOnlyList<ModelEntry> Data);
