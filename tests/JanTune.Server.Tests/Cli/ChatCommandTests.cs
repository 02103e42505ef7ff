using JanTune.Cli.Commands;
using JanTune.Core.Inference;
using JanTune.Server.Tests.Fixtures;
using Spectre.Console;

namespace JanTune.Server.Tests.Cli;

public sealed class ChatCommandTests
{
    [Fact]
    public async Task RunLoop_TwoTurnsResetAndQuit_StreamsRepliesAndShowsSpeed()
    {
        using var model = LlamaModel.Load(TestModel.Path);
        using var context = model.CreateContext(new ContextOptions { ContextSize = 1024, Threads = 1 });
        var session = new ChatSession(model, context, new SamplingOptions { Seed = 3 }, maxTokens: 8, system: null);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });

        await ChatCommand.RunLoopAsync(console, new StringReader("hello\nand again\n/system be terse\nhi\n/quit\n"), session, CancellationToken.None);

        var text = output.ToString();
        Assert.Equal(3, text.Split("t/s").Length - 1);
        Assert.Contains("system prompt set", text, StringComparison.Ordinal);
        Assert.Equal(2, session.History.Count);
    }

    [Fact]
    public async Task Reply_SecondTurn_KeepsHistoryAndResetClearsCache()
    {
        using var model = LlamaModel.Load(TestModel.Path);
        using var context = model.CreateContext(new ContextOptions { ContextSize = 1024, Threads = 1 });
        var session = new ChatSession(model, context, SamplingOptions.Greedy, 6, "sys");

        await session.ReplyAsync("first", _ => { }, CancellationToken.None);
        var cachedAfterFirst = context.SequenceEnd(0);
        await session.ReplyAsync("second", _ => { }, CancellationToken.None);

        Assert.Equal(["user", "assistant", "user", "assistant"], session.History.Select(m => m.Role));
        Assert.True(context.SequenceEnd(0) > cachedAfterFirst);
        session.Reset();
        Assert.Empty(session.History);
        Assert.Equal(-1, context.SequenceEnd(0));
    }
}
