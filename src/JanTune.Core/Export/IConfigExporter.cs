namespace JanTune.Core.Export;

/// <summary>Writes a recommended configuration in the format of one runtime. Every exporter writes through <see cref="AtomicFileWriter"/>.</summary>
public interface IConfigExporter
{
    /// <summary>The --format name: jan, cortex, llama-server, ollama or llamasharp.</summary>
    string Format { get; }

    /// <summary>
    /// Writes the files into <paramref name="outDir"/> (for Jan: Jan's data folder) and reports what was written and
    /// what the runtime will not apply.
    /// </summary>
    ExportResult Export(ExportRequest request, string outDir, AtomicFileWriter writer);
}
