using JanTune.Core.Inference;

namespace JanTune.Core.Sweeps.Worker;

public sealed partial class SweepWorker
{
    private LlamaModel? _model;
    private string? _modelKey;
    private JanTuneException? _modelFailure;
    private LlamaContext? _context;
    private string? _contextKey;
    private RandomTokens? _tokens;

    /// <summary>
    /// Reuses what the previous trial loaded: a new model only when <see cref="TrialConfig.ModelKey"/> changes, a new
    /// context only when <see cref="TrialConfig.ContextKey"/> does; threads change in place. A model that failed to
    /// load fails every trial of its key without retrying.
    /// </summary>
    private (LlamaContext Context, RandomTokens Tokens) Prepare(TrialConfig config, int seed)
    {
        if (_modelKey != config.ModelKey)
        {
            Unload(model: true);
            _modelKey = config.ModelKey;
            try
            {
                _model = LlamaModel.Load(config.ModelPath, config.ToModelLoadOptions());
                _tokens = new RandomTokens(_model, seed);
            }
            catch (JanTuneException ex)
            {
                _modelFailure = ex;
            }
        }

        if (_modelFailure is not null)
        {
            throw _modelFailure;
        }

        if (_contextKey != config.ContextKey)
        {
            Unload(model: false);
            _contextKey = config.ContextKey;
            _context = _model!.CreateContext(config.ToContextOptions());
        }

        _context!.SetThreads(config.Threads);
        return (_context, _tokens!);
    }

    private void Unload(bool model)
    {
        _context?.Dispose();
        _context = null;
        _contextKey = null;
        if (model)
        {
            _model?.Dispose();
            _model = null;
            _modelKey = null;
            _modelFailure = null;
        }
    }
}
