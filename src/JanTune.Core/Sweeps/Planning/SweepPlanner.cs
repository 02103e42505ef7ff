using JanTune.Core.Backends;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Models;
using JanTune.Core.Sweeps.Tune;

namespace JanTune.Core.Sweeps.Planning;

/// <summary>Expands a <see cref="TuneSpec"/> into an ordered grid of trials for this machine.</summary>
public static class SweepPlanner
{
    /// <summary>Backends that are installed in the workspace, in catalog order.</summary>
    public static IReadOnlyList<string> InstalledBackends(JanTunePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var installed = BackendCatalog.All.Select(p => p.Backend)
            .Where(b => BackendInstaller.ReadManifest(paths.BackendDir(b)) is not null).ToList();
        return installed.Count > 0 ? installed : ["cpu"]; // cpu installs itself on first use
    }

    /// <summary>The files the spec names: user paths as given, presets × quantizations under models/.</summary>
    public static IReadOnlyList<ResolvedModel> ResolveModels(TuneSpec spec, JanTunePaths paths)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(paths);
        var list = new List<ResolvedModel>();
        foreach (var m in spec.Models)
        {
            if (m.Path is { } path)
            {
                var full = Path.GetFullPath(path, paths.Root);
                if (!File.Exists(full))
                {
                    throw new JanTuneException($"model file not found: {full}", "fix the path in tune.json or --model");
                }

                var info = GgufModelInfo.From(GgufReader.Read(full));
                list.Add(new ResolvedModel(full, QuantLabel(full), info.Layers, new FileInfo(full).Length, null, null) { IsMoe = info.IsMoe });
                continue;
            }

            var preset = SyntheticPresets.Get(m.Preset!);
            foreach (var q in spec.Quantizations)
            {
                var file = Path.Combine(paths.ModelsDir, SyntheticModelNaming.FileName(preset, q));
                var bytes = File.Exists(file) ? new FileInfo(file).Length : (long)(preset.ParameterCount * BitsPerWeight(q) / 8);
                list.Add(new ResolvedModel(file, q.ToName(), preset.Layers, bytes, preset, q) { IsMoe = preset.IsMoe });
            }
        }

        return list;
    }

    public static SweepPlan Plan(TuneSpec spec, IReadOnlyList<ResolvedModel> models, IReadOnlyList<string> backends, int physicalCores)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(backends);
        var notes = new List<string>(spec.Notes);
        var trials = new List<PlannedTrial>();
        var threads = spec.Threads.ExpandThreads(physicalCores);
        if (threads.Any(t => t > physicalCores))
        {
            notes.Add($"threads above the {physicalCores} physical cores are swept as asked, but ggml threads busy-wait: expect them to be slow");
        }

        foreach (var engine in spec.Engines)
        foreach (var backend in backends)
        {
            if (!engine.Supports(backend))
            {
                Note(notes, SweepEngines.Refusal(new TrialConfig { Engine = engine, Backend = backend, ModelPath = string.Empty, Quant = string.Empty }) + ": its trials there are left out");
                continue;
            }

            foreach (var model in models)
            {
                var ngls = backend == "cpu" ? [0] : spec.GpuLayers.ExpandGpuLayers(model.Layers);
                foreach (var config in Configs(spec, backend, model, ngls, threads, notes).Select(c => c with { Engine = engine }))
                {
                    // A setting the engine cannot express is left out, never measured as something else.
                    if (SweepEngines.Refusal(config) is { } refusal)
                    {
                        Note(notes, refusal + ": those configurations are left out");
                        continue;
                    }

                    foreach (var test in spec.Tests)
                    {
                        var positions = test.Depth + test.Tokens;
                        if (config.ContextSize == TuneSpec.ContextPerTest)
                        {
                            trials.Add(new PlannedTrial(config with { ContextSize = positions }, test, model));
                            continue;
                        }

                        if (positions > config.ContextSize)
                        {
                            Note(notes, $"{test.Name} skipped with ctx {config.ContextSize}: it needs {positions} positions");
                            continue;
                        }

                        trials.Add(new PlannedTrial(config, test, model));
                    }
                }
            }
        }

        var ordered = trials
            .OrderBy(t => spec.Engines.ToList().IndexOf(t.Config.Engine))
            .ThenBy(t => backends.ToList().IndexOf(t.Config.Backend))
            .ThenBy(t => t.Config.ModelKey, StringComparer.Ordinal)
            .ThenBy(t => t.Config.ContextKey, StringComparer.Ordinal)
            .ThenBy(t => t.Config.Threads)
            .ThenBy(t => t.Test.Name, StringComparer.Ordinal)
            .ToList();
        return new SweepPlan(ordered, spec.Repetitions, spec.Warmup, spec.TimeBudget, notes);
    }

    private static IEnumerable<TrialConfig> Configs(TuneSpec spec, string backend, ResolvedModel model, IReadOnlyList<int> ngls, IReadOnlyList<int> threads, List<string> notes)
    {
        foreach (var ngl in ngls)
        foreach (var (split, tensorSplit) in Splits(spec, backend, ngl, notes))
        foreach (var (cpuMoe, cpuMoeLayers) in ExpertPlacements(spec, backend, model, ngl, notes))
        foreach (var overrideTensor in OverrideTensors(spec, backend, notes))
        foreach (var repack in spec.Repack)
        foreach (var ctx in spec.ContextSizes)
        foreach (var batch in spec.BatchSizes)
        foreach (var ubatch in spec.UBatchSizes)
        foreach (var fa in spec.FlashAttention)
        foreach (var cache in spec.CacheTypes)
        foreach (var threadpool in spec.Threadpools)
        foreach (var t in threads)
        {
            if (ubatch > batch)
            {
                Note(notes, $"n_ubatch {ubatch} > n_batch {batch} left out (llama.cpp would clamp it to n_batch)");
                continue;
            }

            if (split == SplitMode.Tensor && fa != FlashAttention.On)
            {
                continue; // noted in Splits
            }

            if (cache != GgmlType.F16 && fa == FlashAttention.Off)
            {
                Note(notes, $"cache_type {cache.ToString().ToLowerInvariant()} with flash_attn off left out (a quantized V cache needs flash attention)");
                continue;
            }

            yield return new TrialConfig
            {
                Backend = backend,
                ModelPath = model.Path,
                Quant = model.Quant,
                GpuLayers = ngl,
                Threads = t,
                BatchSize = batch,
                UBatchSize = ubatch,
                ContextSize = ctx,
                FlashAttention = fa,
                CacheType = cache,
                WeightRepack = repack,
                SplitMode = split,
                TensorSplit = tensorSplit,
                CpuMoe = cpuMoe,
                CpuMoeLayers = cpuMoeLayers,
                OverrideTensor = overrideTensor,
                Threadpool = threadpool == Native.CpuThreadpoolSettings.Default ? null : threadpool,
            };
        }
    }

    /// <summary>override_tensor as asked (null = none); on the cpu backend with a note: host memory is where every weight is anyway.</summary>
    private static IReadOnlyList<string?> OverrideTensors(TuneSpec spec, string backend, List<string> notes)
    {
        if (backend == "cpu" && spec.OverrideTensors.Any(o => o is not null))
        {
            Note(notes, "override_tensor on the cpu backend is measured as asked, but it cannot change speed or memory there: the tensors are in host memory either way");
        }

        return spec.OverrideTensors;
    }

    /// <summary>
    /// The expert-placement axes where they can change anything: a MoE model with layers on a GPU. A dense model has no
    /// expert tensors, and with no layer offloaded every expert is in host memory already, so both get no override.
    /// On the CPU backend the override is a no-op for speed (the CPU buffer type is where the weights go anyway): auto
    /// leaves it out, explicit values are measured as asked, with a note saying so.
    /// </summary>
    private static IEnumerable<(bool CpuMoe, int CpuMoeLayers)> ExpertPlacements(TuneSpec spec, string backend, ResolvedModel model, int ngl, List<string> notes)
    {
        var asked = !spec.CpuMoeLayers.IsAuto || spec.CpuMoe.Any(c => c);
        if (!model.IsMoe)
        {
            if (asked)
            {
                Note(notes, $"n_cpu_moe and cpu_moe left out for {Path.GetFileName(model.Path)}: it is a dense model (no expert tensors to place)");
            }

            yield return (false, 0);
            yield break;
        }

        if (backend == "cpu")
        {
            if (!asked)
            {
                Note(notes, "n_cpu_moe not swept on the cpu backend: every weight is in host memory already, so expert placement changes nothing there (it is a GPU-offload axis)");
                yield return (false, 0);
                yield break;
            }

            Note(notes, "n_cpu_moe / cpu_moe on the cpu backend are measured as asked, but they cannot change speed or memory there: the experts are in host memory either way");
        }
        else if (ngl == 0)
        {
            yield return (false, 0);
            yield break;
        }

        foreach (var cpuMoe in spec.CpuMoe.Distinct())
        {
            if (cpuMoe)
            {
                yield return (true, 0); // every layer's experts already: n_cpu_moe would add nothing
                continue;
            }

            foreach (var n in spec.CpuMoeLayers.ExpandCpuMoeLayers(model.Layers))
            {
                yield return (false, n);
            }
        }
    }

    /// <summary>
    /// The multi-GPU axes, pruned to what differs: nothing to split on the CPU or with no layer offloaded, no
    /// proportions with split mode none (one GPU holds everything), no row split (this build has no split buffer
    /// type), no tensor split without flash attention.
    /// </summary>
    private static IEnumerable<(SplitMode Mode, string Proportions)> Splits(TuneSpec spec, string backend, int ngl, List<string> notes)
    {
        if (backend == "cpu" || ngl == 0)
        {
            if (spec.SplitModes.Any(m => m != SplitMode.Layer) || spec.TensorSplits.Any(t => t.Length > 0))
            {
                Note(notes, "split_mode and tensor_split apply to GPU offload only; CPU trials use neither");
            }

            yield return (SplitMode.Layer, string.Empty);
            yield break;
        }

        foreach (var mode in spec.SplitModes)
        {
            if (mode == SplitMode.Row)
            {
                // Measured on 2×H200: "device CUDA0 does not support split buffers". The pinned build's CUDA backend no
                // longer exports ggml_backend_split_buffer_type (its tensor parallelism moved to split_mode tensor), and
                // no other backend ever had it, so a row trial could only fail.
                Note(notes, "split_mode row left out: the pinned llama.cpp build has no row-split buffers on any backend (use tensor for tensor parallelism)");
                continue;
            }

            if (mode == SplitMode.Tensor && !spec.FlashAttention.Contains(FlashAttention.On))
            {
                Note(notes, "split_mode tensor left out: it needs flash_attn on");
                continue;
            }

            foreach (var proportions in mode == SplitMode.None ? [string.Empty] : spec.TensorSplits)
            {
                yield return (mode, proportions);
            }
        }
    }

    private static void Note(List<string> notes, string note)
    {
        if (!notes.Contains(note))
        {
            notes.Add(note);
        }
    }

    private static string QuantLabel(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path).ToLowerInvariant();
        return ModelQuantizations.All.Select(q => q.ToName()).FirstOrDefault(q => name.Contains(q, StringComparison.Ordinal)) ?? "unknown";
    }

    private static double BitsPerWeight(ModelQuantization q) => q switch
    {
        ModelQuantization.F16 => 16,
        ModelQuantization.Q8_0 => 8.5,
        ModelQuantization.Q4_K_M => 4.9,
        _ => 4.6,
    };
}
