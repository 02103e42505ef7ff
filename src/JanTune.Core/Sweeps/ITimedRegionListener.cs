namespace JanTune.Core.Sweeps;

/// <summary>
/// Told when each timed region of <see cref="TrialMeasurer"/> begins and ends, so meters (energy counters) can read
/// exactly the work that is timed: no warmup, no depth fill, no sampling of the first token.
/// </summary>
public interface ITimedRegionListener
{
    /// <summary>Called just before the stopwatch starts; time spent here is outside the timed region.</summary>
    void Begin();

    /// <summary>Called just after the stopwatch stops, with the tokens the region decoded.</summary>
    void End(int tokens);
}
