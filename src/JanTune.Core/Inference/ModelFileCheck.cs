using JanTune.Core.Gguf;

namespace JanTune.Core.Inference;

/// <summary>
/// Cheap checks before a path reaches llama.cpp, whose loader may over-allocate or abort on a malformed file.
/// </summary>
public static class ModelFileCheck
{
    /// <summary>Throws a <see cref="JanTuneException"/> saying what is wrong when <paramref name="path"/> is missing or not a well-formed GGUF.</summary>
    public static void ThrowIfNotGguf(string path)
    {
        if (!File.Exists(path))
        {
            throw new JanTuneException($"model file not found: {path}", "pass an existing .gguf file with --model, or generate one with `jantune model synth`");
        }

        // The full structural check (counts, offsets, types, bounds) costs milliseconds and turns a crash inside
        // llama.cpp's loader into a message that says what is wrong with the file.
        GgufReader.Read(path);
    }
}
