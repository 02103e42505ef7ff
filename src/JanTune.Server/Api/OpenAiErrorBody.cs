namespace JanTune.Server.Api;

/// <summary>The body of every error response: <c>{"error": {...}}</c>.</summary>
public sealed record OpenAiErrorBody(OpenAiError Error);
