namespace JanTune.Core.Models;

/// <summary>How a synthetic tensor is filled and stored.</summary>
public enum SyntheticTensorRole
{
    /// <summary>An RMS norm weight: ones, F32 (llama.cpp never quantizes *_norm.weight).</summary>
    Norm,

    /// <summary>The MoE router (ffn_gate_inp): random, F32 (llama.cpp never quantizes it; convert_hf_to_gguf keeps it F32).</summary>
    Router,

    /// <summary>A weight matrix (2-D, or 3-D for stacked experts): random, F16 or the target quantization.</summary>
    Matrix,
}

/// <summary>One tensor of a synthetic model, in ggml order: <c>Dims[0]</c> is the contiguous row.</summary>
public sealed record SyntheticTensor(string Name, long[] Dims, SyntheticTensorRole Role)
{
    public long ElementCount => Dims.Aggregate(1L, (a, d) => checked(a * d));

    /// <summary>Values per row (what a quantization block must divide).</summary>
    public long RowLength => Dims[0];

    /// <summary>Rows across all experts.</summary>
    public long Rows => ElementCount / RowLength;
}

/// <summary>
/// The tensor list of a preset, with the names and shapes the pinned llama.cpp's loaders create (src/models/llama.cpp,
/// qwen3.cpp and qwen3moe.cpp, load_arch_tensors; names from src/llama-arch.cpp LLM_TENSOR_NAMES).
/// </summary>
public static class SyntheticTensorLayout
{
    public static IReadOnlyList<SyntheticTensor> For(SyntheticPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        long embd = preset.Embd;
        long q = (long)preset.Heads * preset.HeadDim;
        long kv = (long)preset.KvHeads * preset.HeadDim;
        var list = new List<SyntheticTensor>
        {
            new("token_embd.weight", [embd, preset.Vocab], SyntheticTensorRole.Matrix),
            new("output_norm.weight", [embd], SyntheticTensorRole.Norm),
            new("output.weight", [embd, preset.Vocab], SyntheticTensorRole.Matrix),
        };
        var qkNorm = preset.Architecture is SyntheticArchitecture.Qwen3 or SyntheticArchitecture.Qwen3Moe;
        for (var layer = 0; layer < preset.Layers; layer++)
        {
            var p = $"blk.{layer}.";
            list.Add(new(p + "attn_norm.weight", [embd], SyntheticTensorRole.Norm));
            list.Add(new(p + "attn_q.weight", [embd, q], SyntheticTensorRole.Matrix));
            list.Add(new(p + "attn_k.weight", [embd, kv], SyntheticTensorRole.Matrix));
            list.Add(new(p + "attn_v.weight", [embd, kv], SyntheticTensorRole.Matrix));
            list.Add(new(p + "attn_output.weight", [q, embd], SyntheticTensorRole.Matrix));
            if (qkNorm)
            {
                list.Add(new(p + "attn_k_norm.weight", [preset.HeadDim], SyntheticTensorRole.Norm));
                list.Add(new(p + "attn_q_norm.weight", [preset.HeadDim], SyntheticTensorRole.Norm));
            }

            list.Add(new(p + "ffn_norm.weight", [embd], SyntheticTensorRole.Norm));
            if (preset.IsMoe)
            {
                long ff = preset.ExpertWidth;
                long n = preset.Experts;
                list.Add(new(p + "ffn_gate_inp.weight", [embd, n], SyntheticTensorRole.Router));
                list.Add(new(p + "ffn_gate_exps.weight", [embd, ff, n], SyntheticTensorRole.Matrix));
                list.Add(new(p + "ffn_up_exps.weight", [embd, ff, n], SyntheticTensorRole.Matrix));
                list.Add(new(p + "ffn_down_exps.weight", [ff, embd, n], SyntheticTensorRole.Matrix));
            }
            else
            {
                list.Add(new(p + "ffn_gate.weight", [embd, preset.FeedForward], SyntheticTensorRole.Matrix));
                list.Add(new(p + "ffn_up.weight", [embd, preset.FeedForward], SyntheticTensorRole.Matrix));
                list.Add(new(p + "ffn_down.weight", [preset.FeedForward, embd], SyntheticTensorRole.Matrix));
            }
        }

        return list;
    }
}
