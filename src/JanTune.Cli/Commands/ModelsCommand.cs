using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using JanTune.Core.Models;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>`jantune models`: the GGUF models Jan, Ollama, LM Studio and the Hugging Face cache already have.</summary>
internal sealed class ModelsCommand : ICliVerb
{
    public Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "One JSON array instead of the table" };
        var command = new Command("models", "List installed GGUF models (Jan, Ollama, LM Studio, Hugging Face cache); their names work as --model. Roots: JANTUNE_JAN_DATA, JANTUNE_OLLAMA_MODELS (or OLLAMA_MODELS), JANTUNE_LMSTUDIO_MODELS, JANTUNE_HF_HUB (or HF_HUB_CACHE, HF_HOME)");
        command.Options.Add(json);
        command.SetAction(parse => CliApp.Run(context, parse, () =>
        {
            var models = InstalledModels.Discover(ModelRoots.Default());
            if (parse.GetValue(json))
            {
                context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(models, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true }));
                return 0;
            }

            if (models.Count == 0)
            {
                context.Console.MarkupLine("[yellow]no installed GGUF models found[/] (searched Jan's data folder, Ollama, LM Studio and the Hugging Face cache)");
                return 0;
            }

            var table = new Table().AddColumns("name", "source", "architecture", "type", "size", "path");
            foreach (var m in models)
            {
                table.AddRow(
                    Markup.Escape(m.Name), m.Source,
                    m.Error is null ? Markup.Escape(m.Architecture ?? "-") : $"[red]error: {Markup.Escape(m.Error)}[/]",
                    Markup.Escape(m.Quantization ?? "-"),
                    m.SizeBytes is { } s ? (s / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB" : "-",
                    Markup.Escape(m.Path));
            }

            context.Console.Write(table);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// A --model value: an installed-model name (jan:, ollama:, lmstudio:, hf:) that is not an existing file becomes
    /// its GGUF path; anything else is returned unchanged, so real paths behave exactly as before.
    /// </summary>
    public static string? ResolveModelArgument(string? value) =>
        value is null || File.Exists(value) || !InstalledModels.IsInstalledName(value) ? value : InstalledModels.Resolve(value, ModelRoots.Default());
}
