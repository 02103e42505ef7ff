namespace JanTune.Core.Telemetry;

/// <summary>Whether one telemetry source works on this machine.</summary>
/// <param name="Name">Source, for example <c>NVML</c>, <c>RAPL</c>, <c>/proc/stat</c>.</param>
/// <param name="Measures">What it provides, for example <c>GPU memory, utilization, power, energy</c>.</param>
/// <param name="Available">True when it can be read.</param>
/// <param name="Detail">Where it reads from when available; why not when unavailable.</param>
public sealed record TelemetrySource(string Name, string Measures, bool Available, string Detail);
