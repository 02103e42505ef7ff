namespace JanTune.Core.Export;

/// <summary>The exporters by --format name.</summary>
public static class ConfigExporters
{
    public static IReadOnlyList<IConfigExporter> All { get; } = [new JanExporter(), new CortexExporter(), new LlamaServerExporter(), new OllamaExporter(), new LlamaSharpExporter()];

    public static IConfigExporter Get(string format) =>
        All.FirstOrDefault(e => string.Equals(e.Format, format, StringComparison.OrdinalIgnoreCase))
        ?? throw new JanTuneException($"unknown export format '{format}'", "use one of: " + string.Join(", ", All.Select(e => e.Format)));
}
