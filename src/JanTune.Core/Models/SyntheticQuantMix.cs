using JanTune.Core.Gguf;

namespace JanTune.Core.Models;

/// <summary>
/// The tensor type llama.cpp's quantizer would give each synthetic tensor for one of <see cref="ModelQuantization"/>,
/// so a model written directly in its target type (<see cref="SyntheticPreset.DirectWrite"/>) has the mix a
/// llama_model_quantize run would have produced. Mirrors the pinned src/llama-quant.cpp for the tensors the
/// synthesizer writes: tensor_allows_quantization (no norms, no ffn_gate_inp, no 1-D tensors),
/// llama_tensor_get_type_impl (output Q6_K unless Q8_0; Q4_K_M's use_more_bits for attn_v and ffn_down; the
/// n_expert == 8 bumps of attn_k/attn_v to Q8_0 and attn_output to Q5_K) and tensor_type_fallback (rows a block
/// does not divide: Q4_K to Q5_0, Q6_K to Q8_0, else F16). A test quantizes tiny presets with llama.cpp and compares.
/// </summary>
public static class SyntheticQuantMix
{
    /// <summary>The ggml type of <paramref name="tensor"/> in a <paramref name="quantization"/> file of <paramref name="preset"/>.</summary>
    public static GgmlType TypeFor(SyntheticPreset preset, SyntheticTensor tensor, ModelQuantization quantization)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Role != SyntheticTensorRole.Matrix)
        {
            return GgmlType.F32;
        }

        var type = quantization switch
        {
            ModelQuantization.F16 => GgmlType.F16,
            ModelQuantization.Q8_0 => GgmlType.Q8_0,
            ModelQuantization.Q4_0 => GgmlType.Q4_0,
            ModelQuantization.Q4_K_M => GgmlType.Q4_K,
            _ => throw new ArgumentOutOfRangeException(nameof(quantization), quantization, null),
        };
        if (type == GgmlType.F16)
        {
            return type;
        }

        var name = tensor.Name;
        var eightExperts = preset.Experts == 8;
        var layer = Layer(name);
        if (name == "output.weight")
        {
            type = tensor.RowLength % type.BlockSize() != 0 ? GgmlType.Q8_0 : type == GgmlType.Q8_0 ? GgmlType.Q8_0 : GgmlType.Q6_K;
        }
        else if (name.EndsWith("attn_v.weight", StringComparison.Ordinal))
        {
            if (quantization == ModelQuantization.Q4_K_M && UseMoreBits(layer, preset.Layers))
            {
                type = GgmlType.Q6_K;
            }

            if (eightExperts)
            {
                type = GgmlType.Q8_0;
            }
        }
        else if (name.EndsWith("attn_k.weight", StringComparison.Ordinal))
        {
            if (eightExperts)
            {
                type = GgmlType.Q8_0;
            }
        }
        else if (name.EndsWith("attn_output.weight", StringComparison.Ordinal))
        {
            if (eightExperts && quantization == ModelQuantization.Q4_K_M)
            {
                type = GgmlType.Q5_K;
            }
        }
        else if (name.Contains("ffn_down", StringComparison.Ordinal))
        {
            if (quantization == ModelQuantization.Q4_K_M && UseMoreBits(layer, preset.Layers))
            {
                type = GgmlType.Q6_K;
            }
        }

        return Fallback(type, tensor.RowLength);
    }

    // llama-quant.cpp: use_more_bits(i_layer, n_layers).
    private static bool UseMoreBits(int layer, int layers) =>
        layer < layers / 8 || layer >= 7 * layers / 8 || (layer - (layers / 8)) % 3 == 2;

    // llama-quant.cpp: tensor_type_fallback, for the types this mix can pick.
    private static GgmlType Fallback(GgmlType type, long rowLength)
    {
        if (rowLength % type.BlockSize() == 0)
        {
            return type;
        }

        var fallback = type switch
        {
            GgmlType.Q4_K => GgmlType.Q5_0,
            GgmlType.Q5_K => GgmlType.Q5_1,
            GgmlType.Q6_K => GgmlType.Q8_0,
            _ => type,
        };
        return rowLength % fallback.BlockSize() == 0 ? fallback : GgmlType.F16;
    }

    private static int Layer(string name)
    {
        if (!name.StartsWith("blk.", StringComparison.Ordinal))
        {
            return 0;
        }

        var end = name.IndexOf('.', 4);
        return int.Parse(name.AsSpan(4, end - 4), System.Globalization.CultureInfo.InvariantCulture);
    }
}
