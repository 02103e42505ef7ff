namespace JanTune.Core.Hardware;

/// <summary>
/// This machine already has a profile taken with a different llama.cpp build. Its results stay under the old id;
/// the new build measures into a new profile, because numbers from two builds are not comparable.
/// </summary>
/// <param name="PreviousProfileId">The profile of the earlier build.</param>
/// <param name="PreviousBuild">The build recorded in it.</param>
/// <param name="CurrentBuild">The build loaded now.</param>
public sealed record BuildChange(string PreviousProfileId, string PreviousBuild, string CurrentBuild)
{
    /// <summary>A one-line explanation for the console.</summary>
    public override string ToString() =>
        $"llama.cpp build changed ({PreviousBuild} -> {CurrentBuild}): results go to a new profile; {PreviousProfileId} keeps the old ones";
}
