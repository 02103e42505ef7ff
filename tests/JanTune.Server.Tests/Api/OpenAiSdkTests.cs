using System.ClientModel;
using System.Text;
using JanTune.Server.Tests.Fixtures;
using OpenAI;
using OpenAI.Chat;

namespace JanTune.Server.Tests.Api;

/// <summary>The official OpenAI .NET SDK as a real client.</summary>
[Collection(ServerCollection.Name)]
public sealed class OpenAiSdkTests(SharedServer shared)
{
    private ChatClient Client() => new("tiny", new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(shared.Server.BaseAddress, "/v1") });

    private static ChatCompletionOptions Options(long seed, int maxTokens = 24) => new() { Seed = seed, MaxOutputTokenCount = maxTokens, Temperature = 0.9f };

    [Fact]
    public async Task CompleteChat_NonStreaming_ReturnsTextAndUsage()
    {
        ChatCompletion completion = await Client().CompleteChatAsync([new UserChatMessage("Hello there")], Options(7));

        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal("tiny", completion.Model);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.InRange(completion.Usage.OutputTokenCount, 1, 24);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        Assert.Contains(completion.FinishReason, new[] { ChatFinishReason.Stop, ChatFinishReason.Length });
    }

    [Fact]
    public async Task CompleteChatStreaming_SameSeed_EqualsNonStreamedText()
    {
        var client = Client();
        var messages = new ChatMessage[] { new SystemChatMessage("Be brief."), new UserChatMessage("Tell me a story") };
        ChatCompletion whole = await client.CompleteChatAsync(messages, Options(99, 40));

        var streamed = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        var ids = new HashSet<string>();
        await foreach (var update in client.CompleteChatStreamingAsync(messages, Options(99, 40)))
        {
            ids.Add(update.CompletionId);
            foreach (var part in update.ContentUpdate)
            {
                streamed.Append(part.Text);
            }

            finish = update.FinishReason ?? finish;
            usage = update.Usage ?? usage;
        }

        Assert.Equal(whole.Content[0].Text, streamed.ToString());
        Assert.Equal(whole.FinishReason, finish);
        Assert.Single(ids);
        Assert.NotNull(usage);
        Assert.Equal(whole.Usage.OutputTokenCount, usage.OutputTokenCount);
        Assert.Equal(whole.Usage.InputTokenCount, usage.InputTokenCount);
    }
}
