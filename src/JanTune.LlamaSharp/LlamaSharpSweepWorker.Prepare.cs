using System.Text.Json;
using JanTune.Core;
using JanTune.Core.Sweeps;
using LLama;
using LLama.Common;

namespace JanTune.LlamaSharp;

internal sealed partial class LlamaSharpSweepWorker
{
    private LLamaWeights? _weights;
    private string? _modelKey;
    private Exception? _modelFailure;
    private LlamaSharpDecodeContext? _context;
    private string? _contextKey;
    private RandomTokens? _tokens;

    /// <summary>
    /// As the npm worker does: a new model only when <see cref="TrialConfig.ModelKey"/> changes, a new context only when
    /// <see cref="TrialConfig.ContextKey"/> does, threads set in place. A model that failed to load fails every trial
    /// of its key without retrying.
    /// </summary>
    private (LlamaSharpDecodeContext Context, RandomTokens Tokens) Prepare(TrialConfig config, int seed)
    {
        var parameters = ToModelParams(config);
        if (_modelKey != config.ModelKey)
        {
            Unload(model: true);
            _modelKey = config.ModelKey;
            try
            {
                _weights = LLamaWeights.LoadFromFile(parameters);
                _tokens = LlamaSharpDecodeContext.RandomTokens(_weights, config.ModelPath, seed);
            }
            catch (Exception ex) when (ex is LLama.Exceptions.RuntimeError or LLama.Exceptions.LoadWeightsFailedException or JanTuneException)
            {
                _modelFailure = ex;
            }
        }

        if (_modelFailure is not null)
        {
            throw new JanTuneException($"LLamaSharp could not load {Path.GetFileName(config.ModelPath)}: {_modelFailure.Message}");
        }

        if (_contextKey != config.ContextKey)
        {
            Unload(model: false);
            _contextKey = config.ContextKey;
            _context = new LlamaSharpDecodeContext(_weights!, parameters);
        }

        _context!.SetThreads(config.Threads, config.EffectiveThreadsBatch);
        return (_context, _tokens!);
    }

    /// <summary>
    /// LLamaSharp's own ModelParams, read from the one mapping (<see cref="LlamaSharpParams"/>) the exporter writes, so a
    /// measured configuration is exactly what `export --format llamasharp` hands an application.
    /// </summary>
    private static ModelParams ToModelParams(TrialConfig config)
    {
        var (json, _) = LlamaSharpParams.Map(config);
        return JsonSerializer.Deserialize<ModelParams>(json.ToJsonString())
            ?? throw new JanTuneException("the LLamaSharp ModelParams mapping produced null");
    }

    private void Unload(bool model)
    {
        _context?.Dispose();
        _context = null;
        _contextKey = null;
        if (model)
        {
            _weights?.Dispose();
            _weights = null;
            _modelKey = null;
            _modelFailure = null;
            _tokens = null;
        }
    }
}
