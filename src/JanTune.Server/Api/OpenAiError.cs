namespace JanTune.Server.Api;

/// <summary>OpenAI's error object: SDKs read message, type, param and code.</summary>
public sealed record OpenAiError(string Message, string Type, string? Param, string? Code);
