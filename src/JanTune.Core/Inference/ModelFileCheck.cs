namespace JanTune.Core.Inference;

/// <summary>
/// Cheap checks before a path reaches llama.cpp, whose loader may over-allocate or abort on a malformed file.
/// </summary>
internal static class ModelFileCheck
{
    public static void ThrowIfNotGguf(string path)
    {
        if (!File.Exists(path))
        {
            throw new JanTuneException($"model file not found: {path}", "pass an existing .gguf file with --model, or generate one with `jantune model synth`");
        }

        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        if (stream.Length < 24 || stream.Read(magic) != 4 || !magic.SequenceEqual("GGUF"u8))
        {
            throw new JanTuneException($"{Path.GetFileName(path)} is not a GGUF file (bad magic or too short)", "pass a .gguf model file; other formats must be converted with llama.cpp's convert scripts");
        }

        GgufValidation.Validate?.Invoke(path);
    }
}
