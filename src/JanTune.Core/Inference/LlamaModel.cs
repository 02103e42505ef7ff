using System.Runtime.InteropServices;
using System.Text;
using JanTune.Native;
using JanTune.Native.Interop;

namespace JanTune.Core.Inference;

/// <summary>A loaded GGUF model. Thread-safe for reads; contexts created from it are not shared between threads.</summary>
public sealed unsafe partial class LlamaModel : IDisposable
{
    private readonly SafeLlamaModelHandle _handle;
    private readonly IntPtr _vocab;

    private LlamaModel(SafeLlamaModelHandle handle, string path, ModelLoadOptions options)
    {
        _handle = handle;
        Path = path;
        Options = options;
        _vocab = Llama.ModelGetVocab(handle);
        VocabSize = Llama.VocabNTokens(_vocab);
        LayerCount = Llama.ModelNLayer(handle);
        EmbeddingSize = Llama.ModelNEmbd(handle);
        HeadCount = Llama.ModelNHead(handle);
        HeadCountKv = Llama.ModelNHeadKv(handle);
        TrainContextSize = Llama.ModelNCtxTrain(handle);
        SizeBytes = (long)Llama.ModelSize(handle);
        ParameterCount = (long)Llama.ModelNParams(handle);
        BosToken = Llama.VocabBos(_vocab);
        EosToken = Llama.VocabEos(_vocab);
        AddBos = Llama.VocabGetAddBos(_vocab);
        Description = ReadString((b, n) => Llama.ModelDesc(handle, b, n));
        ChatTemplate = Marshal.PtrToStringUTF8((IntPtr)Llama.ModelChatTemplate(handle, null));
    }

    public string Path { get; }

    public ModelLoadOptions Options { get; }

    public int VocabSize { get; }

    /// <summary>Repeating layers (blocks); the output layer is one more offloadable layer on top.</summary>
    public int LayerCount { get; }

    public int EmbeddingSize { get; }

    public int HeadCount { get; }

    public int HeadCountKv { get; }

    public int TrainContextSize { get; }

    /// <summary>Bytes of all weights.</summary>
    public long SizeBytes { get; }

    public long ParameterCount { get; }

    public int BosToken { get; }

    public int EosToken { get; }

    public bool AddBos { get; }

    /// <summary>llama.cpp's one-line description, e.g. "llama 1B Q4_0".</summary>
    public string Description { get; }

    /// <summary>The Jinja chat template stored in the file, if any.</summary>
    public string? ChatTemplate { get; }

    internal SafeLlamaModelHandle Handle => _handle;

    internal IntPtr Vocab => _vocab;

    /// <summary>Loads a GGUF file. Errors name the file and say what to check; llama.cpp's own reason is in the --verbose log.</summary>
    public static LlamaModel Load(string path, ModelLoadOptions? options = null, IProgress<float>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new ModelLoadOptions();
        EnsureRuntime();
        ModelFileCheck.ThrowIfNotGguf(path);
        var p = Llama.ModelDefaultParams();
        p.NGpuLayers = options.GpuLayers;
        p.MainGpu = options.MainGpu;
        p.SplitMode = (LlamaSplitMode)options.SplitMode;
        p.LoadMode = options.UseMmap ? LlamaLoadMode.Mmap : LlamaLoadMode.None;
        p.UseExtraBufts = options.WeightRepack ? (byte)1 : (byte)0;
        p.CheckTensors = options.CheckTensors ? (byte)1 : (byte)0;
        p.NoAlloc = options.DryRun ? (byte)1 : (byte)0;

        var split = TensorSplitArray(options.TensorSplit);
        var progressHandle = progress is null ? default : GCHandle.Alloc(progress);
        var overrides = BufferTypeOverrides(ExpertPlacement.CpuOverridePatterns(options.CpuMoe, options.CpuMoeLayers, options.OverrideTensor));
        try
        {
            p.TensorBuftOverrides = (IntPtr)overrides;
            fixed (float* splitPtr = split)
            {
                p.TensorSplit = (IntPtr)splitPtr;
                if (progress is not null)
                {
                    p.ProgressCallback = (IntPtr)(delegate* unmanaged<float, void*, byte>)&OnProgress;
                    p.ProgressCallbackUserData = GCHandle.ToIntPtr(progressHandle);
                }

                NativeLog.TakeRecentErrors();
                var pointer = Llama.ModelLoadFromFile(path, p);
                if (pointer == IntPtr.Zero)
                {
                    var said = string.Join("; ", NativeLog.TakeRecentErrors().Select(l => l.Trim()));
                    throw new JanTuneException(
                        $"llama.cpp could not load the model {System.IO.Path.GetFileName(path)}" + (said.Length > 0 ? $": {said}" : string.Empty),
                        "check that the file is a complete GGUF model of an architecture this llama.cpp build supports, and that there is enough memory; run with --verbose for llama.cpp's reason");
                }

                return new LlamaModel(SafeLlamaModelHandle.FromPointer(pointer), path, options);
            }
        }
        finally
        {
            if (progressHandle.IsAllocated)
            {
                progressHandle.Free();
            }

            FreeBufferTypeOverrides(overrides);
        }
    }

    /// <summary>Creates an inference context on this model.</summary>
    public LlamaContext CreateContext(ContextOptions? options = null) => new(this, options ?? new ContextOptions());

    /// <summary>True for end-of-generation tokens (EOS, EOT, ...).</summary>
    public bool IsEndOfGeneration(int token) => Llama.VocabIsEog(_vocab, token);

    /// <summary>A metadata value as a string (GGUF key), or null when absent.</summary>
    public string? Metadata(string key) => ReadStringOrNull((b, n) => Llama.ModelMetaValStr(_handle, key, b, n));

    public void Dispose() => _handle.Dispose();

    /// <summary>
    /// The NULL-terminated llama_model_tensor_buft_override array for <paramref name="cpuPatterns"/>, every entry pointing
    /// at the CPU buffer type (what llama.cpp's --cpu-moe / --n-cpu-moe build); null when there are none. llama.cpp
    /// reads it only while loading (src/llama-model-loader.cpp), so it is freed right after the load.
    /// </summary>
    private static LlamaModelTensorBuftOverride* BufferTypeOverrides(IReadOnlyList<string> cpuPatterns)
    {
        if (cpuPatterns.Count == 0)
        {
            return null;
        }

        var cpu = Ggml.CpuBufferType();
        var array = (LlamaModelTensorBuftOverride*)NativeMemory.AllocZeroed((nuint)(cpuPatterns.Count + 1), (nuint)sizeof(LlamaModelTensorBuftOverride));
        for (var i = 0; i < cpuPatterns.Count; i++)
        {
            array[i].Pattern = Marshal.StringToCoTaskMemUTF8(cpuPatterns[i]);
            array[i].BufferType = cpu;
        }

        return array;
    }

    private static void FreeBufferTypeOverrides(LlamaModelTensorBuftOverride* array)
    {
        if (array == null)
        {
            return;
        }

        for (var i = 0; array[i].Pattern != IntPtr.Zero; i++)
        {
            Marshal.FreeCoTaskMem(array[i].Pattern);
        }

        NativeMemory.Free(array);
    }

    /// <summary>
    /// llama.cpp reads tensor_split as llama_max_devices() floats whatever the caller meant, so a shorter array would be
    /// read past its end: pad it with zeros, and refuse more entries than there can be devices.
    /// </summary>
    internal static float[]? TensorSplitArray(IReadOnlyList<float> proportions)
    {
        if (proportions.Count == 0)
        {
            return null;
        }

        var max = (int)Llama.MaxDevices();
        if (proportions.Count > max || proportions.Any(p => !float.IsFinite(p) || p < 0) || proportions.All(p => p == 0))
        {
            throw new JanTuneException(
                $"tensor split {string.Join(',', proportions)} is not valid",
                $"give one non-negative proportion per GPU (at most {max}, at least one above 0), e.g. 3,1");
        }

        var array = new float[max];
        for (var i = 0; i < proportions.Count; i++)
        {
            array[i] = proportions[i];
        }

        return array;
    }

    private static void EnsureRuntime()
    {
        if (!LlamaBackend.IsInitialized)
        {
            LlamaRuntime.Initialize(JanTunePaths.Discover());
        }
    }

    [UnmanagedCallersOnly]
    private static byte OnProgress(float value, void* userData)
    {
        try
        {
            var progress = (IProgress<float>?)GCHandle.FromIntPtr((IntPtr)userData).Target;
            progress?.Report(value);
        }
#pragma warning disable CA1031 // Never unwind into native code.
        catch
        {
        }
#pragma warning restore CA1031
        return 1;
    }

    private delegate int BufferReader(byte* buffer, nuint size);

    private static string ReadString(BufferReader read) => ReadStringOrNull(read) ?? string.Empty;

    private static string? ReadStringOrNull(BufferReader read)
    {
        Span<byte> small = stackalloc byte[256];
        fixed (byte* p = small)
        {
            var n = read(p, (nuint)small.Length);
            if (n < 0)
            {
                return null;
            }

            if (n < small.Length)
            {
                return Encoding.UTF8.GetString(small[..n]);
            }
        }

        var big = new byte[1 << 16];
        fixed (byte* p = big)
        {
            var n = read(p, (nuint)big.Length);
            return n < 0 ? null : Encoding.UTF8.GetString(big, 0, Math.Min(n, big.Length - 1));
        }
    }
}
