namespace JanTune.Core.Inference;

/// <summary>One turn of a conversation: role (system, user, assistant) and content.</summary>
public sealed record ChatMessage(string Role, string Content);
