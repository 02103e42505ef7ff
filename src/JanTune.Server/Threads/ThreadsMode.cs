namespace JanTune.Server.Threads;

/// <summary>How the server adapts its inference threads to what else runs on the machine.</summary>
public enum ThreadsMode
{
    /// <summary>Always the configured thread count.</summary>
    Fixed,

    /// <summary>Use the free cores but leave one for the person at the keyboard.</summary>
    Light,

    /// <summary>Use every core other processes leave free.</summary>
    Balanced,

    /// <summary>The minimum: one thread.</summary>
    PowerSave,
}
