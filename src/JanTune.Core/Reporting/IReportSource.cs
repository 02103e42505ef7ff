namespace JanTune.Core.Reporting;

/// <summary>Where the report's data comes from (the results store, or a JSON export of it).</summary>
public interface IReportSource
{
    /// <summary>
    /// Loads the results of one hardware profile, or of the only profile when <paramref name="profileId"/> is null.
    /// Throws <see cref="JanTuneException"/> when the profile is unknown or has no results.
    /// </summary>
    ReportInput Load(string? profileId);
}
