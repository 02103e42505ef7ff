using System.Text;
using JanTune.Core.Inference;

namespace JanTune.Core.Export;

/// <summary>
/// Ollama: a Modelfile. Ollama gives num_batch to llama-server as both -b and -ub (ollama/ollama
/// llm/llama_server.go appendBatchArgs), so the physical batch (what was tuned) goes there. Flash attention, the KV
/// cache type and the slot count are server-wide environment variables of <c>ollama serve</c>
/// (envconfig/config.go: OLLAMA_FLASH_ATTENTION, OLLAMA_KV_CACHE_TYPE, OLLAMA_NUM_PARALLEL), not Modelfile
/// parameters, so they are written as an <c># env:</c> line to set there.
/// </summary>
public sealed class OllamaExporter : IConfigExporter
{
    public const string FileName = "Modelfile";

    /// <summary>The comment line carrying the server-wide variables; readers parse it back.</summary>
    public const string EnvPrefix = "# env: ";

    public string Format => "ollama";

    /// <summary>PARAMETER name/value pairs, in the order written.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parameters(ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var c = request.Config;
        var list = new List<KeyValuePair<string, string>>();
        if (NumCtx(request) is { } numCtx)
        {
            list.Add(new("num_ctx", ExportRequest.Number(numCtx)));
        }

        list.AddRange(
        [
            new("num_gpu", ExportRequest.Number(request.GpuLayers)),
            new("num_thread", ExportRequest.Number(c.Threads)),
            new("num_batch", ExportRequest.Number(Math.Min(c.BatchSize, c.UBatchSize))),
        ]);
        if (request.NoMmap)
        {
            list.Add(new("use_mmap", "false"));
        }

        list.AddRange(
        [
            new("temperature", ExportRequest.Number(request.Temperature)),
            new("top_k", ExportRequest.Number(request.TopK)),
            new("top_p", ExportRequest.Number(request.TopP)),
            new("min_p", ExportRequest.Number(request.MinP)),
            new("num_predict", ExportRequest.Number(request.MaxTokens)),
        ]);
        list.AddRange(request.Stop.Select(s => new KeyValuePair<string, string>("stop", "\"" + s.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")));
        return list;
    }

    /// <summary>
    /// num_ctx per slot. Context 0 means "the model's trained context" to llama.cpp, but to Ollama num_ctx 0 is a
    /// context of 4 tokens (server/sched.go), so the trained context is written when known, otherwise nothing (Ollama's
    /// own default applies, and a note says so).
    /// </summary>
    private static int? NumCtx(ExportRequest request) =>
        request.Config.ContextSize > 0 ? request.Config.ContextSize : request.TrainedContext is > 0 and var trained ? trained : null;

    /// <summary>The variables for <c>ollama serve</c>; flash attention only when on or off (unset is Ollama's auto).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ServerEnvironment(ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var c = request.Config;
        var env = new List<KeyValuePair<string, string>>();
        if (c.FlashAttention != FlashAttention.Auto)
        {
            env.Add(new("OLLAMA_FLASH_ATTENTION", c.FlashAttention == FlashAttention.On ? "1" : "0"));
        }

        env.Add(new("OLLAMA_KV_CACHE_TYPE", c.CacheType.Name()));
        env.Add(new("OLLAMA_NUM_PARALLEL", ExportRequest.Number(request.Parallel)));
        return env;
    }

    public ExportResult Export(ExportRequest request, string outDir, AtomicFileWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var env = ServerEnvironment(request);
        var text = new StringBuilder()
            .Append("# Ollama Modelfile with the configuration JanTune recommended for ").Append(request.ModelName).Append('\n')
            .Append("# Server-wide, not Modelfile parameters: set these where `ollama serve` runs\n")
            .Append(EnvPrefix).Append(string.Join(' ', env.Select(e => e.Key + "=" + e.Value))).Append('\n')
            .Append("FROM ").Append(request.Config.ModelPath).Append('\n');
        foreach (var (name, value) in Parameters(request))
        {
            text.Append("PARAMETER ").Append(name).Append(' ').Append(value).Append('\n');
        }

        var path = Path.Combine(outDir, FileName);
        var backup = writer.WriteText(path, text.ToString());
        return new ExportResult { Files = [path], Backups = backup is null ? [] : [backup], Notes = [.. Notes(request)] };
    }

    private static IEnumerable<string> Notes(ExportRequest request)
    {
        var c = request.Config;
        if (request.ThreadpoolNote("Ollama") is { } pool)
        {
            yield return pool;
        }

        yield return "set " + string.Join(' ', ServerEnvironment(request).Select(e => e.Key + "=" + e.Value)) + " for `ollama serve`: they are server-wide environment variables, not Modelfile parameters";
        if (c.FlashAttention == FlashAttention.Auto)
        {
            yield return "flash attention auto: leave OLLAMA_FLASH_ATTENTION unset (Ollama's auto)";
        }

        yield return request.BackendNote("Ollama", "Ollama picks its own GPU library (llm/llama_server.go: GGML_BACKEND_PATH from the runner it discovered); check `ollama ps` shows the model on the GPU");
        if (c.ContextSize == 0)
        {
            yield return NumCtx(request) is { } trained
                ? $"context 0 (the model's trained context) is written as num_ctx {trained}: Ollama reads num_ctx 0 as a 4-token context (server/sched.go)"
                : "context 0 (the model's trained context) is not written: the trained context is not known here and Ollama reads num_ctx 0 as a 4-token context (server/sched.go), so Ollama's default context applies; add PARAMETER num_ctx with the model's context length";
        }

        if (c.EffectiveThreadsBatch != c.Threads)
        {
            yield return $"threads_batch {c.EffectiveThreadsBatch} is not applied: Ollama passes only -t (num_thread {c.Threads}) to its llama-server (llm/llama_server.go startLlamaServer), so prompt processing also runs on {c.Threads} threads; llama.cpp's -tb has no LLAMA_ARG_* environment variable (common/arg.cpp), so there is no route around it";
        }

        if (c.EffectiveCacheTypeV != c.CacheType)
        {
            yield return $"V cache type {c.EffectiveCacheTypeV.Name()} is not applied: OLLAMA_KV_CACHE_TYPE sets both --cache-type-k and --cache-type-v (llm/llama_server.go), so Ollama uses {c.CacheType.Name()} for V too";
        }

        if (c.BatchSize != c.UBatchSize)
        {
            yield return $"batch {c.BatchSize} is not kept: Ollama sends num_batch ({Math.Min(c.BatchSize, c.UBatchSize)}) as both -b and -ub";
        }

        if (!c.WeightRepack)
        {
            yield return "weight repack off is not applied: Ollama has no parameter for llama-server's --no-repack";
        }

        if (!c.HasDefaultSplit)
        {
            yield return $"split {c.SplitText} is not applied: Ollama has no split mode or tensor split parameter (main_gpu only forces split none)";
        }

        if (c.HasExpertPlacement)
        {
            yield return $"expert placement ({c.ExpertPlacementText}) is not applied: Ollama has no Modelfile parameter for llama.cpp's --cpu-moe / --n-cpu-moe / --override-tensor (a num_cpu_moe pull request, ollama/ollama#16688, was closed unmerged); setting {string.Join(" ", OllamaPlacementVariables(c))} where `ollama serve` runs reaches its llama-server (llm/llama_server.go SetupLlamaServerCommandEnv starts it with cmd.Env = os.Environ(), and common/arg.cpp reads that variable for a flag not on the command line), but applies to every model Ollama loads";
        }

        if (request.Mlock)
        {
            yield return "mlock is not applied: Ollama passes only --load-mode none (use_mmap false) or dio";
        }
    }

    /// <summary>The LLAMA_ARG_* variables llama-server reads for the placement (common/arg.cpp set_env of each flag).</summary>
    private static IEnumerable<string> OllamaPlacementVariables(Sweeps.TrialConfig c)
    {
        if (c.CpuMoe)
        {
            yield return "LLAMA_ARG_CPU_MOE=1";
        }

        if (c.CpuMoeLayers > 0)
        {
            yield return "LLAMA_ARG_N_CPU_MOE=" + ExportRequest.Number(c.CpuMoeLayers);
        }

        if (c.OverrideTensor is not null)
        {
            yield return $"LLAMA_ARG_OVERRIDE_TENSOR='{c.OverrideTensor}'";
        }
    }
}
