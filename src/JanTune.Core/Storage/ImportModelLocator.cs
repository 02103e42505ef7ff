using JanTune.Core.Sweeps;

namespace JanTune.Core.Storage;

/// <summary>
/// Finds the GGUF an imported CSV row names (the Model column is a file name): in the folders given, then as written.
/// The CSV does not carry the model's layers and sizes, so a missing file is an error, never a trial without facts.
/// </summary>
public sealed class ImportModelLocator(IReadOnlyList<string> folders)
{
    private readonly Dictionary<string, ImportedModel> _found = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Folders { get; } = folders;

    /// <summary>The model named <paramref name="fileName"/>; <paramref name="where"/> says which row asked, for the error.</summary>
    public ImportedModel Find(string fileName, string where)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (_found.TryGetValue(fileName, out var known))
        {
            return known;
        }

        var path = Folders.Select(f => Path.Combine(f, fileName)).Append(fileName).FirstOrDefault(File.Exists)
            ?? throw new JanTuneException(
                $"{where}: model file {fileName} not found (looked in {string.Join(", ", Folders.Append("the current folder"))}); its layers and sizes are not in the CSV, and a fit needs them",
                $"pass --models-dir DIR with the folder that holds {fileName}, or synthesize it with `jantune model synth --preset PRESET --quant QUANT` (a seeded synthetic model has the same shape everywhere)");
        var full = Path.GetFullPath(path);
        var model = new ImportedModel(full, TrialIdentity.ModelFile(full), ModelFacts.Read(full));
        _found[fileName] = model;
        return model;
    }
}
