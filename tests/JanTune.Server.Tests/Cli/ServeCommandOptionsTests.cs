using JanTune.Server.Tests.EndToEnd;

namespace JanTune.Server.Tests.Cli;

/// <summary>serve's closed-set options show and accept llama.cpp's values only.</summary>
public sealed class ServeCommandOptionsTests
{
    [Fact]
    public async Task Help_CacheTypeOptions_ListOnlyTheKvCacheTypesLlamaCppAccepts()
    {
        using var ws = new TuneWorkspace();
        var output = new StringWriter();

        var exit = await Root(ws).Parse(["serve", "--help"]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("-ctk, --cache-type-k <f32|f16|bf16|q8_0|q4_0|q4_1|iq4_nl|q5_0|q5_1>", text, StringComparison.Ordinal);
        Assert.Contains("-ctv, --cache-type-v <f32|f16|bf16|q8_0|q4_0|q4_1|iq4_nl|q5_0|q5_1>", text, StringComparison.Ordinal);
        Assert.Contains("-sm, --split-mode <none|layer|row|tensor>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("IQ1_M", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("TQ2_0", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Help_ApiKey_NamesBothHeadersTheServerAccepts()
    {
        // Given serve's help
        using var ws = new TuneWorkspace();
        var output = new StringWriter();

        // When it is printed
        var exit = await Root(ws).Parse(["serve", "--help"]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output });

        // Then --api-key names Authorization: Bearer and Jan's X-Api-Key (ApiKeyMiddleware accepts both)
        Assert.Equal(0, exit);
        var text = string.Join(' ', output.ToString().Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Authorization: Bearer <key>", text, StringComparison.Ordinal);
        Assert.Contains("X-Api-Key: <key>", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-ctk", "q4_k")]
    [InlineData("-ctv", "iq1_m")]
    [InlineData("--cache-type-k", "f64")]
    public void Parse_CacheTypeLlamaCppRejects_FailsNamingTheAcceptedTypes(string option, string value)
    {
        using var ws = new TuneWorkspace();

        var parse = Root(ws).Parse(["serve", "--model", "none.gguf", option, value]);

        var error = Assert.Single(parse.Errors);
        Assert.EndsWith($"must be one of f32, f16, bf16, q8_0, q4_0, q4_1, iq4_nl, q5_0, q5_1, not '{value}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("true", true)]
    [InlineData(null, true)]
    public void ParseStrict_LlamaServerSpellings_AreRead(string? value, bool expected) =>
        Assert.Equal(expected, JanTune.Cli.Commands.ServeCommand.ParseStrict(value));

    [Fact]
    public async Task Serve_MissingModelFile_FailsBeforeListeningWithTheFix()
    {
        // Given a model path that does not exist
        using var ws = new TuneWorkspace();

        // When serve is asked to serve it
        var (exit, output) = await ws.RunAsync("serve", "--model", Path.Combine(ws.Root, "missing.gguf"), "--port", "0", "--cpu-strict", "1");

        // Then it ends at once with the error and the fix, instead of listening with a failed background load
        Assert.Equal(1, exit);
        Assert.Contains("model file not found", output, StringComparison.Ordinal);
        Assert.Contains("jantune model synth", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Completions_CacheTypeK_OfferOnlyLlamaCppsNames()
    {
        using var ws = new TuneWorkspace();

        var completions = Root(ws).Parse("serve -ctk ").GetCompletions().Select(c => c.Label).ToList();

        Assert.Equal(["bf16", "f16", "f32", "iq4_nl", "q4_0", "q4_1", "q5_0", "q5_1", "q8_0"], completions.Order(StringComparer.Ordinal));
    }

    private static System.CommandLine.RootCommand Root(TuneWorkspace ws) =>
        JanTune.Cli.CliApp.Build(new JanTune.Cli.CliContext(Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(new StringWriter()) }), ws.Paths));
}
