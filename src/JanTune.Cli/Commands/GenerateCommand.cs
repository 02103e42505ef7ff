using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using JanTune.Core.Inference;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>`jantune generate`: load a model with explicit settings, stream a completion, print the speeds.</summary>
internal sealed class GenerateCommand : ICliVerb
{
    public Command Create(CliContext context)
    {
        var model = new Option<string>("--model", "-m") { Description = "GGUF model file", Required = true };
        var prompt = new Option<string>("--prompt", "-p") { Description = "Prompt text", Required = true };
        var backend = new Option<string>("--backend") { Description = "cpu, vulkan or cuda", DefaultValueFactory = _ => "cpu" };
        var ngl = new Option<int>("--ngl") { Description = "Layers to offload to the GPU (-1 = all)", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads", "-t") { Description = "CPU threads", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var ctx = new Option<int>("--ctx", "-c") { Description = "Context length", DefaultValueFactory = _ => 2048 };
        var batch = new Option<int>("--batch", "-b") { Description = "Logical batch size", DefaultValueFactory = _ => 2048 };
        var ubatch = new Option<int>("--ubatch") { Description = "Physical batch size", DefaultValueFactory = _ => 512 };
        var maxTokens = new Option<int>("--max-tokens", "-n") { Description = "Tokens to generate", DefaultValueFactory = _ => 128 };
        var temp = new Option<float>("--temp") { Description = "Temperature (0 = greedy)", DefaultValueFactory = _ => 0.8f };
        var seed = new Option<uint>("--seed") { Description = "Sampling seed", DefaultValueFactory = _ => 42u };
        var noRepack = new Option<bool>("--no-repack") { Description = "Disable CPU weight repacking" };
        var chat = new Option<bool>("--chat") { Description = "Wrap the prompt in the model's chat template" };

        var command = new Command("generate", "Stream a completion and report load time, prompt and generation tokens/s");
        foreach (var o in new Option[] { model, prompt, backend, ngl, threads, ctx, batch, ubatch, maxTokens, temp, seed, noRepack, chat })
        {
            command.Options.Add(o);
        }

        command.SetAction((parse, token) => CliApp.RunAsync(context, parse, async ct =>
        {
            LlamaRuntime.Initialize(context.Paths, parse.GetValue(backend)!);
            var load = Stopwatch.StartNew();
            using var m = LlamaModel.Load(parse.GetValue(model)!, new ModelLoadOptions { GpuLayers = parse.GetValue(ngl), WeightRepack = !parse.GetValue(noRepack) });
            var loadTime = load.Elapsed;
            using var c = m.CreateContext(new ContextOptions
            {
                ContextSize = parse.GetValue(ctx),
                BatchSize = parse.GetValue(batch),
                UBatchSize = parse.GetValue(ubatch),
                Threads = parse.GetValue(threads),
            });
            using var sampler = new SamplerChain(m, new SamplingOptions { Temperature = parse.GetValue(temp), Seed = parse.GetValue(seed) });
            var text = parse.GetValue(prompt)!;
            if (parse.GetValue(chat))
            {
                text = m.ApplyChatTemplate([new ChatMessage("user", text)]);
            }

            var stats = new GenerationStats();
            var options = new GenerationOptions { MaxTokens = parse.GetValue(maxTokens) };
            await foreach (var piece in TextGenerator.GenerateAsync(c, sampler, m.Tokenize(text, parseSpecial: true), options, stats, ct))
            {
                context.Console.Write(piece.Text);
            }

            context.Console.WriteLine();
            var perf = c.ReadPerf();
            var inv = CultureInfo.InvariantCulture;
            context.Console.MarkupLine(string.Create(inv, $"[grey]load {loadTime.TotalMilliseconds:F0} ms | prompt {stats.PromptTokens} tokens at {stats.PromptTokensPerSecond:F1} t/s (llama.cpp {perf.PromptTokensPerSecond:F1}) | generation {stats.GeneratedTokens} tokens at {stats.GenerationTokensPerSecond:F1} t/s (llama.cpp {perf.EvalTokensPerSecond:F1}) | first token {stats.TimeToFirstToken.TotalMilliseconds:F0} ms[/]"));
            return 0;
        }, token));
        return command;
    }
}
