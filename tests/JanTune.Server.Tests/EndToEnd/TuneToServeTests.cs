using System.ClientModel;
using JanTune.Cli.Commands;
using JanTune.Core.Inference;
using JanTune.Core.Modeling;
using JanTune.Core.Storage;
using JanTune.Server.Hosting;
using JanTune.Server.Threads;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;

namespace JanTune.Server.Tests.EndToEnd;

/// <summary>The tuning reaches the runtime: sweep → recommend → serve --profile, and a profile carried to another home.</summary>
public sealed class TuneToServeTests
{
    private const string Profile = "e2e-box";

    [Fact]
    public async Task SweepRecommendServe_TinyModel_ServesTheRecommendationFieldByFieldAndAnswersTheOpenAiSdk()
    {
        // Given a quick sweep and a recommendation, as a person runs them
        using var ws = new TuneWorkspace();
        var sweep = await ws.RunAsync("sweep", "--quick", "--profile", Profile);
        Assert.True(sweep.Exit == 0, sweep.Output);
        var recommend = await ws.RunAsync("recommend", "--profile", Profile);
        Assert.True(recommend.Exit == 0, recommend.Output);
        Assert.Contains("recommendation stored in", recommend.Output, StringComparison.Ordinal);
        var rec = RecommendedConfig.Load(ws.Paths, Profile);
        Assert.Equal(TuningObjective.Generation, rec.Objective);
        Assert.NotNull(rec.Predicted?.Generation);
        Assert.Contains(rec.Measured, m => m.Test == "tg128" && m.Mean > 0);
        Assert.True(rec.ThreadScaling[rec.Config.Threads] > 0);

        // When serve starts from the profile alone
        var flags = new ServeCommand.ServeFlags(null, null, Profile, "127.0.0.1", 0, null, null, 16, null, null, ThreadsMode.Fixed, null, [], [], false);
        var (settings, backend) = ServeCommand.Resolve(flags, null, ws.Paths);
        await using var server = await JanTuneServer.StartAsync(settings, l => l.SetMinimumLevel(LogLevel.Warning));
        await server.ModelLoaded;

        // Then llama.cpp got the recommendation, field by field, and the startup log names each value's source
        Assert.Equal(ModelState.Ready, server.ModelState);
        var c = rec.Config;
        Assert.Equal(c.Backend, backend);
        Assert.Equal(c.ModelPath, settings.ModelPath);
        var load = server.LoadedModelOptions!;
        Assert.Equal(c.GpuLayers, load.GpuLayers);
        Assert.Equal(c.WeightRepack, load.WeightRepack);
        Assert.Equal(c.UseMmap, load.UseMmap);
        Assert.Equal(c.SplitMode, load.SplitMode);
        Assert.Equal(c.ToModelLoadOptions().TensorSplit, load.TensorSplit);
        var ctx = server.LoadedContextOptions!;
        Assert.Equal(c.ContextSize * rec.Parallel, ctx.ContextSize);
        Assert.Equal(rec.Parallel, ctx.MaxSequences);
        Assert.Equal(c.BatchSize, ctx.BatchSize);
        Assert.Equal(c.UBatchSize, ctx.UBatchSize);
        Assert.Equal(c.Threads, ctx.Threads);
        Assert.Equal(c.EffectiveThreadsBatch, ctx.ThreadsBatch);
        Assert.Equal(c.FlashAttention, ctx.FlashAttention);
        Assert.Equal(c.CacheType, ctx.TypeK);
        Assert.Equal(c.EffectiveCacheTypeV, ctx.TypeV);
        Assert.Equal(rec.ThreadScaling, settings.ThreadScaling);
        var log = settings.Describe().ToList();
        foreach (var (name, value) in c.Describe().Where(d => d.Name is not "model" and not "ctx"))
        {
            Assert.Contains($"{name} {value} (profile {Profile})", log);
        }

        // And the official OpenAI SDK gets an answer from the tuned server
        var client = new ChatClient(settings.EffectiveModelId, new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1") });
        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Hello")], new ChatCompletionOptions { MaxOutputTokenCount = 8, Seed = 1 });
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.InRange(completion.Usage.OutputTokenCount, 1, 8);
    }

    [Fact]
    public async Task ProfileExportImport_SecondHome_CarriesTrialsAndRecommendationSoRecommendWorks()
    {
        // Given a tuned profile in one home
        using var first = new TuneWorkspace();
        using var second = new TuneWorkspace();
        Assert.Equal(0, (await first.RunAsync("sweep", "--quick", "--profile", Profile)).Exit);
        Assert.Equal(0, (await first.RunAsync("recommend", "--profile", Profile)).Exit);
        var chosen = RecommendedConfig.Load(first.Paths, Profile).Config;
        var archive = Path.Combine(second.Root, "box.jtprofile");

        // When it is exported, the first home goes away, and it is imported into a second home on a machine of the
        // same kind (this one)
        var export = await first.RunAsync("profile", "export", "--profile", Profile, "--out", archive);
        first.Dispose();
        var import = await second.RunAsync("profile", "import", archive);

        // Then the trials arrive in the second store, and recommend and serve --profile work from the import alone
        Assert.True(export.Exit == 0, export.Output);
        // 2 grid trials (pp512, tg128) + llama-server/Jan and Ollama defaults, each with both tests
        Assert.True(export.Output.Contains("(6 trials, with its recommendation)", StringComparison.Ordinal), export.Output);
        Assert.True(import.Exit == 0, import.Output);
        Assert.Contains("6 trials added to the results store", import.Output, StringComparison.Ordinal);
        using (var store = ResultsStore.Open(second.Paths))
        {
            Assert.Equal(6, store.Load(Profile).Count);
            Assert.Equal(4, store.Load(Profile).Count(t => t.Baselines.Count > 0));
        }

        Assert.Equal(chosen, RecommendedConfig.Load(second.Paths, Profile).Config);
        var recommend = await second.RunAsync("recommend", "--profile", Profile);
        Assert.True(recommend.Exit == 0, recommend.Output);
        Assert.Equal(chosen, RecommendedConfig.Load(second.Paths, Profile).Config);
        var flags = new ServeCommand.ServeFlags(null, null, Profile, "127.0.0.1", 0, null, null, 16, null, null, ThreadsMode.Fixed, null, [], [], false);
        var (settings, _) = ServeCommand.Resolve(flags, null, second.Paths);
        Assert.Equal(Path.Combine(second.Paths.ModelsDir, "tiny-q4_0.gguf"), settings.ModelPath); // the same file, found in this home's models/
        var again = await second.RunAsync("profile", "import", archive);
        Assert.Contains("0 trials added to the results store (6 already there)", again.Output, StringComparison.Ordinal);
    }
}
