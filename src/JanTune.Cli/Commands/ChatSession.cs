using System.Text;
using JanTune.Core.Inference;

namespace JanTune.Cli.Commands;

/// <summary>
/// A conversation on one context. Each turn re-applies the chat template to the whole history but only decodes
/// what the KV cache does not already hold (the common token prefix is kept), so long chats stay fast.
/// </summary>
internal sealed class ChatSession(LlamaModel model, LlamaContext context, SamplingOptions sampling, int maxTokens, string? system)
{
    private readonly List<ChatMessage> _history = [];
    private List<int> _cached = [];
    private string? _system = system;

    public IReadOnlyList<ChatMessage> History => _history;

    public void Reset()
    {
        _history.Clear();
        _cached = [];
        context.ClearMemory();
    }

    public void SetSystem(string text)
    {
        _system = text.Length == 0 ? null : text;
        Reset();
    }

    public async Task<GenerationStats> ReplyAsync(string user, Action<string> onText, CancellationToken cancellationToken)
    {
        _history.Add(new ChatMessage("user", user));
        var messages = _system is null ? _history : [new ChatMessage("system", _system), .. _history];
        var prompt = model.Tokenize(model.ApplyChatTemplate(messages), addSpecial: true, parseSpecial: true);

        // Keep the cached prefix; at least one token must be decoded to get logits.
        var common = 0;
        while (common < _cached.Count && common < prompt.Length - 1 && _cached[common] == prompt[common])
        {
            common++;
        }

        context.RemoveSequence(0, common, -1);
        var stats = new GenerationStats();
        var reply = new StringBuilder();
        var generated = new List<int>();
        using var sampler = new SamplerChain(model, sampling);
        await foreach (var piece in TextGenerator.GenerateAsync(context, sampler, prompt[common..], new GenerationOptions { MaxTokens = maxTokens }, stats, cancellationToken))
        {
            generated.Add(piece.Token);
            reply.Append(piece.Text);
            onText(piece.Text);
        }

        // Every sampled token but the last was decoded into the cache.
        _cached = [.. prompt, .. generated.Take(generated.Count - 1)];
        _history.Add(new ChatMessage("assistant", reply.ToString()));
        return stats;
    }
}
