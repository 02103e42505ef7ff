using System.CommandLine;
using System.Globalization;
using JanTune.Core;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Models;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>`jantune model synth|info`: make reproducible synthetic models; describe any GGUF the way a tuner needs.</summary>
internal sealed class ModelCommand : ICliVerb
{
    public Command Create(CliContext context)
    {
        var command = new Command("model", "Generate synthetic GGUF models and inspect GGUF files");
        command.Subcommands.Add(Synth(context));
        command.Subcommands.Add(Info(context));
        return command;
    }

    private static Command Synth(CliContext context)
    {
        var preset = new Option<string>("--preset") { Description = string.Join(", ", SyntheticPresets.All.Select(p => p.Name)), Required = true };
        var quant = new Option<string>("--quant") { Description = "Comma-separated: f16,q8_0,q4_0,q4_k_m", DefaultValueFactory = _ => "q4_0" };
        var seed = new Option<ulong>("--seed") { Description = "Weight seed: the same seed gives byte-identical files", DefaultValueFactory = _ => SyntheticModelWriter.DefaultSeed };
        var outDir = new Option<string?>("--out") { Description = "Output folder (default: the workspace's models/)" };
        var command = new Command("synth", "Write a model (llama, qwen3, qwen3moe, Mixtral-style llama with experts) with seeded random weights, quantized by llama.cpp (large presets: directly in the target type)");
        command.Options.Add(preset);
        command.Options.Add(quant);
        command.Options.Add(seed);
        command.Options.Add(outDir);
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var p = SyntheticPresets.Get(parse.GetValue(preset)!);
            var quants = parse.GetValue(quant)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ModelQuantizations.Parse).ToList();
            if (p.DirectWrite || quants.Exists(q => q != ModelQuantization.F16))
            {
                LlamaRuntime.Initialize(context.Paths);
            }

            var store = new ModelStore(context.Paths);
            foreach (var q in quants)
            {
                var path = store.Ensure(p, q, parse.GetValue(seed), line => context.Console.MarkupLine($"[grey]{Markup.Escape(line)}[/]"), parse.GetValue(outDir));
                context.Console.MarkupLine($"[green]{Markup.Escape(path)}[/] ({ByteSize.Format(new FileInfo(path).Length)})");
            }

            return 0;
        }));
        return command;
    }

    private static Command Info(CliContext context)
    {
        var file = new Argument<string>("gguf") { Description = "GGUF model file" };
        var layers = new Option<bool>("--layers") { Description = "Also list every layer's bytes: dense tensors and routed experts" };
        var command = new Command("info", "Architecture, layers, parameters (active and total), experts, bytes per tensor type, per layer and of the output layer");
        command.Arguments.Add(file);
        command.Options.Add(layers);
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var gguf = GgufReader.Read(ModelsCommand.ResolveModelArgument(parse.GetValue(file))!);
            var info = GgufModelInfo.From(gguf);
            var inv = CultureInfo.InvariantCulture;
            var table = new Table().AddColumns("property", "value").HideHeaders();
            table.AddRow("architecture", Markup.Escape(info.Architecture));
            table.AddRow("name", Markup.Escape(gguf.Name ?? "-"));
            table.AddRow("layers", info.Layers.ToString(inv));
            table.AddRow("embedding / ff", string.Create(inv, $"{gguf.EmbeddingLength} / {gguf.FeedForwardLength}"));
            table.AddRow("heads / kv heads", string.Create(inv, $"{gguf.HeadCount} / {gguf.HeadCountKv}"));
            table.AddRow("vocabulary", string.Create(inv, $"{gguf.VocabSize}"));
            table.AddRow("context (train)", string.Create(inv, $"{gguf.ContextLength}"));
            table.AddRow("parameters", string.Create(inv, $"{info.ParameterCount:N0}"));
            if (info.IsMoe)
            {
                table.AddRow("experts", string.Create(inv, $"{info.ExpertCount} per layer, {info.ExpertsUsed} active per token"));
                table.AddRow("active parameters", string.Create(inv, $"{info.ActiveParameterCount:N0} of {info.ParameterCount:N0} ({100.0 * info.ActiveParameterCount / info.ParameterCount:F1}%)"));
                table.AddRow("expert parameters", string.Create(inv, $"{info.ExpertParameterCount:N0}"));
                table.AddRow("per layer: dense / experts (mean)", $"{ByteSize.Format((long)info.DenseLayerBytes.DefaultIfEmpty().Average())} / {ByteSize.Format((long)info.ExpertLayerBytes.DefaultIfEmpty().Average())}");
            }
            else
            {
                table.AddRow("experts", "none (dense)");
            }

            table.AddRow("file size", ByteSize.Format(info.FileSize));
            table.AddRow("bits per weight", info.BitsPerWeight.ToString("F2", inv));
            table.AddRow("bytes per layer (mean)", ByteSize.Format((long)info.MeanLayerBytes));
            table.AddRow("output layer", ByteSize.Format(info.OutputBytes));
            table.AddRow("token embedding", ByteSize.Format(info.TokenEmbeddingBytes));
            table.AddRow("KV cache per token (F16)", ByteSize.Format(info.KvCacheBytesPerToken()));
            foreach (var usage in info.BytesByType)
            {
                table.AddRow($"tensors {usage.Type}", string.Create(inv, $"{usage.Count} tensors, {ByteSize.Format(usage.Bytes)}"));
            }

            context.Console.Write(table);
            if (parse.GetValue(layers))
            {
                var perLayer = new Table().AddColumns("layer", "dense tensors", "routed experts", "total");
                for (var i = 0; i < info.Layers; i++)
                {
                    perLayer.AddRow(i.ToString(inv), ByteSize.Format(info.DenseLayerBytes[i]), ByteSize.Format(info.ExpertLayerBytes[i]), ByteSize.Format(info.LayerBytes[i]));
                }

                context.Console.Write(perLayer);
            }

            return 0;
        }));
        return command;
    }
}
