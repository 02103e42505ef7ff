namespace JanTune.Core.Hardware;

/// <summary>The outcome of <see cref="HardwareProfileStore.Register"/>.</summary>
/// <param name="Profile">The profile for the current hardware and build (the stored one when it already existed).</param>
/// <param name="Created">True when hardware.json was written by this call.</param>
/// <param name="BuildChanged">Set when a profile of this machine exists under another llama.cpp build.</param>
public sealed record ProfileRegistration(HardwareProfile Profile, bool Created, BuildChange? BuildChanged);
