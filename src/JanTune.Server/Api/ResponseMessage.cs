namespace JanTune.Server.Api;

/// <summary>A chat message in a response.</summary>
public sealed record ResponseMessage(string Role, string Content);
