using JanTune.Core.Hardware;
using JanTune.Core.Inference;
using JanTune.Native;

namespace JanTune.Core.Sweeps.Worker;

public sealed partial class SweepWorker
{
    private LlamaModel? _model;
    private string? _modelKey;
    private JanTuneException? _modelFailure;
    private LlamaContext? _context;
    private string? _contextKey;
    private RandomTokens? _tokens;
    private DryRunMemory? _dryRun;
    private string? _dryRunKey;
    private string? _modelDoesNotFit;
    private string? _contextDoesNotFit;

    /// <summary>
    /// Reuses what the previous trial loaded: a new model only when <see cref="TrialConfig.ModelKey"/> changes, a new
    /// context only when <see cref="TrialConfig.ContextKey"/> does; threads change in place. A model that failed to
    /// load fails every trial of its key without retrying. Before anything is allocated, llama.cpp's dry run says
    /// what the model and context would take; one that does not fit is skipped (<see cref="TrialDoesNotFitException"/>).
    /// </summary>
    private (LlamaContext Context, RandomTokens Tokens) Prepare(TrialConfig config, int seed, long? hostAvailableBytes)
    {
        if (_modelKey != config.ModelKey)
        {
            Unload(model: true);
            _modelKey = config.ModelKey;
            try
            {
                _modelDoesNotFit = CheckFit(config, modelLoaded: false, hostAvailableBytes);
                if (_modelDoesNotFit is null)
                {
                    _model = LlamaModel.Load(config.ModelPath, config.ToModelLoadOptions());
                    _tokens = new RandomTokens(_model, seed);
                }
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

        if (_modelDoesNotFit is not null)
        {
            throw new TrialDoesNotFitException(_modelDoesNotFit);
        }

        if (_contextKey != config.ContextKey)
        {
            Unload(model: false);
            _contextKey = config.ContextKey;
            _contextDoesNotFit = CheckFit(config, modelLoaded: true, hostAvailableBytes);
            if (_contextDoesNotFit is null)
            {
                _context = _model!.CreateContext(config.ToContextOptions());
            }
        }

        if (_contextDoesNotFit is not null)
        {
            throw new TrialDoesNotFitException(_contextDoesNotFit);
        }

        _context!.SetThreads(config.Threads);
        return (_context, _tokens!);
    }

    /// <summary>
    /// Checks llama.cpp's dry run for this model and context against the memory free now. The dry run depends on the
    /// configuration alone, so it runs once per <see cref="TrialConfig.ContextKey"/>: a new model's check and its
    /// context's check (after the weights are in memory) share it. A dry run that itself fails leaves
    /// <see cref="_dryRun"/> null and lets the real load speak (llama.cpp reports the same problem there).
    /// </summary>
    private string? CheckFit(TrialConfig config, bool modelLoaded, long? hostAvailableBytes)
    {
        if (_dryRunKey != config.ContextKey)
        {
            _dryRunKey = config.ContextKey;
            try
            {
                _dryRun = DryRunMemory.Measure(config.ModelPath, config.ToModelLoadOptions(), config.ToContextOptions());
            }
            catch (Exception ex) when (ex is JanTuneException or LlamaNativeException)
            {
                _dryRun = null;
            }
        }

        return _dryRun is null ? null : DryRunFit.Check(
            _dryRun, modelLoaded, hostAvailableBytes ?? HardwareDetector.DetectMemory().AvailableBytes, LlamaBackend.Devices());
    }

    private void Unload(bool model)
    {
        _context?.Dispose();
        _context = null;
        _contextKey = null;
        _contextDoesNotFit = null;
        if (model)
        {
            _model?.Dispose();
            _model = null;
            _modelKey = null;
            _modelFailure = null;
            _modelDoesNotFit = null;
        }
    }
}
