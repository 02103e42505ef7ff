using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using LLama.Common;
using LLama.Extensions;
using LLama.Native;

namespace JanTune.LlamaSharp;

/// <summary>
/// `jantune-llamasharp params FILE`: reads a ModelParams JSON with LLamaSharp's own type and prints what LLamaSharp
/// hands llama.cpp (its llama_model_params and llama_context_params), so the exporter is checked against LLamaSharp
/// itself, not against a copy of its property names.
/// </summary>
internal static class LlamaSharpHost
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is not ["params", var file])
        {
            stderr.WriteLine("usage: jantune-llamasharp params FILE (a ModelParams JSON, as `jantune export --format llamasharp` writes)");
            stderr.WriteLine("       jantune-llamasharp sweep-worker (internal: the llamasharp sweep engine's worker, JSON lines on stdin/stdout)");
            return 2;
        }

        ModelParams parameters;
        try
        {
            parameters = JsonSerializer.Deserialize<ModelParams>(File.ReadAllText(file))
                ?? throw new JsonException("the file holds null");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            stderr.WriteLine($"error: {file} is not LLamaSharp ModelParams JSON: {e.Message}");
            return 1;
        }

        parameters.ToLlamaContextParams(out var context);
        var output = new JsonObject
        {
            ["model_path"] = parameters.ModelPath,
            ["tensor_split"] = new JsonArray([.. parameters.TensorSplits.Select(v => JsonValue.Create(v))]),
            ["n_ctx"] = context.n_ctx,
            ["n_batch"] = context.n_batch,
            ["n_ubatch"] = context.n_ubatch,
            ["n_seq_max"] = context.n_seq_max,
            ["n_threads"] = context.n_threads,
            ["n_threads_batch"] = context.n_threads_batch,
            ["flash_attn_type"] = (int)context.llama_flash_attn_type,
            ["type_k"] = (int)context.type_k,
            ["type_v"] = (int)context.type_v,
            ["kv_unified"] = context.kv_unified,
        };
        using (parameters.ToLlamaModelParams(out var model))
        {
            output["n_gpu_layers"] = model.n_gpu_layers;
            output["split_mode"] = (int)model.split_mode;
            output["main_gpu"] = model.main_gpu;
            output["load_mode"] = (int)model.load_mode;
            output["use_extra_bufts"] = model.use_extra_bufts;
            output["tensor_buft_overrides"] = BufferTypeOverrides(model);
        }

        stdout.WriteLine(output.ToJsonString());
        return 0;
    }

    /// <summary>
    /// llama_model_params.tensor_buft_overrides as llama.cpp reads it: a null-terminated array of {pattern, buffer
    /// type}. LLamaSharp drops an override whose buffer type name no loaded device has, so this is what survives.
    /// </summary>
    private static JsonArray BufferTypeOverrides(LLamaModelParams model)
    {
        var result = new JsonArray();
        var copy = Marshal.AllocHGlobal(Marshal.SizeOf<LLamaModelParams>());
        try
        {
            Marshal.StructureToPtr(model, copy, fDeleteOld: false);
            var array = Marshal.ReadIntPtr(copy, (int)Marshal.OffsetOf<LLamaModelParams>(nameof(LLamaModelParams.tensor_buft_overrides)));
            for (var i = 0; array != IntPtr.Zero; i++)
            {
                var pattern = Marshal.ReadIntPtr(array, 2 * i * IntPtr.Size);
                if (pattern == IntPtr.Zero)
                {
                    break;
                }

                var buft = Marshal.ReadIntPtr(array, ((2 * i) + 1) * IntPtr.Size);
                result.Add(new JsonObject { ["pattern"] = Marshal.PtrToStringUTF8(pattern), ["buffer_type"] = Marshal.PtrToStringUTF8(NativeApi.ggml_backend_buft_name(buft)) });
            }
        }
        finally
        {
            Marshal.FreeHGlobal(copy);
        }

        return result;
    }
}
