namespace JanTune.Server.Threads;

/// <summary>One CPU load observation: the whole system's busy percent and this process's share, both of all cores.</summary>
/// <param name="SystemBusyPercent">Busy time of all cores over the interval, 0 to 100 (from /proc/stat).</param>
/// <param name="OwnPercent">This process's CPU time over the interval, as a percent of all cores.</param>
public readonly record struct LoadReading(double SystemBusyPercent, double OwnPercent);
