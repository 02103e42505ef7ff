namespace JanTune.Server.Api;

/// <summary>GET /health when ready.</summary>
public sealed record HealthStatus(string Status);
