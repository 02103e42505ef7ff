namespace JanTune.Server.Api;

/// <summary>One entry of GET /v1/models.</summary>
public sealed record ModelEntry(string Id, string Object, long Created, string OwnedBy);
