namespace JanTune.Core.Sweeps.Planning;

/// <summary>
/// The ordered trials of a sweep: by backend (one worker each), then model key (reload), then context key, then
/// threads, so reloads are as few as possible. <see cref="Notes"/> says what was left out and why.
/// </summary>
public sealed record SweepPlan(IReadOnlyList<PlannedTrial> Trials, int Repetitions, int Warmup, TimeSpan? TimeBudget, IReadOnlyList<string> Notes)
{
    public IEnumerable<IGrouping<string, PlannedTrial>> ByBackend => Trials.GroupBy(t => t.Config.Backend);
}
