namespace JanTune.Server.Api;

/// <summary>Token counts OpenAI responses report.</summary>
public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens);
