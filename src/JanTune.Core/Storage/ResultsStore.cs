using System.Globalization;
using System.Text.Json;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Worker;
using Microsoft.Data.Sqlite;

namespace JanTune.Core.Storage;

/// <summary>
/// The append-only, crash-safe results store (results/jantune.db): SQLite in WAL mode with synchronous=FULL, one
/// transaction per trial, so a trial is on disk the moment it is reported. Triggers forbid UPDATE and DELETE; a UNIQUE
/// key over (profile, model file, configuration, test, llama.cpp build) makes a resumed sweep unable to duplicate.
/// </summary>
public sealed partial class ResultsStore : IDisposable
{
    private readonly SqliteConnection _connection;

    public ResultsStore(string databasePath)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        DatabasePath = databasePath;
        _connection = DiskErrors.Guard(databasePath, "the results store", () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
            try
            {
                connection.Open();
                Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;");
                Execute(connection, Schema);
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }, Kept);
    }

    /// <summary>What a full or read-only disk leaves intact: SQLite rolls the failed transaction back.</summary>
    private const string Kept = "every trial already stored is kept (the failed one was rolled back), and the same sweep resumes where it stopped";

    public string DatabasePath { get; }

    /// <summary>The store of a workspace: results/jantune.db.</summary>
    public static ResultsStore Open(JanTunePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new ResultsStore(Path.Combine(paths.ResultsDir, "jantune.db"));
    }

    /// <summary>Appends a trial in its own transaction; false when that trial is already stored (a resumed sweep).</summary>
    public bool Append(TrialResult result, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(result);
        return DiskErrors.Guard(DatabasePath, "the results store", () => Insert(result, recordedAt), Kept);
    }

    private bool Insert(TrialResult result, DateTimeOffset recordedAt)
    {
        using var tx = _connection.BeginTransaction();
        var inserted = Insert(result, recordedAt, tx);
        tx.Commit();
        return inserted;
    }

    private bool Insert(TrialResult result, DateTimeOffset recordedAt, SqliteTransaction tx)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = InsertSql;
        var c = result.Config;
        var inv = CultureInfo.InvariantCulture;
        Add(cmd, "$trial_id", result.TrialId);
        Add(cmd, "$profile_id", result.ProfileId);
        Add(cmd, "$model_identity", result.ModelIdentity);
        Add(cmd, "$config_key", StoreKey(c));
        Add(cmd, "$test", result.Test.Name);
        Add(cmd, "$llama_build", result.LlamaBuild);
        Add(cmd, "$backend", c.Backend);
        Add(cmd, "$model_file", Path.GetFileName(c.ModelPath));
        Add(cmd, "$quant", c.Quant);
        Add(cmd, "$ngl", c.GpuLayers);
        Add(cmd, "$threads", c.Threads);
        Add(cmd, "$status", result.Status.ToString().ToLowerInvariant());
        Add(cmd, "$mean_tps", result.Stats?.Mean);
        Add(cmd, "$stddev_tps", result.Stats?.StdDev);
        Add(cmd, "$started_at", result.StartedAt.ToString("O", inv));
        Add(cmd, "$recorded_at", recordedAt.ToString("O", inv));
        Add(cmd, "$result_json", JsonSerializer.Serialize(result, SweepJson.Options));
        return cmd.ExecuteNonQuery() == 1;
    }

    /// <summary>Every stored trial of a profile (all profiles when null), in the order they were recorded.</summary>
    public IReadOnlyList<TrialResult> Load(string? profileId = null)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT result_json FROM trials WHERE $p IS NULL OR profile_id = $p ORDER BY seq";
        Add(cmd, "$p", profileId);
        var list = new List<TrialResult>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            list.Add(JsonSerializer.Deserialize<TrialResult>(reader.GetString(0), SweepJson.Options)!);
        }

        return list;
    }

    /// <summary>The ids of stored trials of a profile: what a resumed sweep skips.</summary>
    public IReadOnlySet<string> TrialIds(string profileId)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT trial_id FROM trials WHERE profile_id = $p";
        Add(cmd, "$p", profileId);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Trials, ok and failed counts, and the last recording time per profile.</summary>
    public IReadOnlyList<ProfileResultsSummary> Summaries()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT profile_id, COUNT(*), SUM(status = 'ok'), SUM(status = 'failed'), COUNT(DISTINCT model_file), MAX(recorded_at) FROM trials GROUP BY profile_id ORDER BY profile_id";
        var list = new List<ProfileResultsSummary>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new ProfileResultsSummary(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture)));
        }

        return list;
    }

    /// <summary>The configuration key used for identity: the model's folder is left out so a moved workspace still resumes.</summary>
    public static string StoreKey(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return (config with { ModelPath = Path.GetFileName(config.ModelPath) }).Key;
    }

    public void Dispose() => _connection.Dispose();

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static void Add(SqliteCommand cmd, string name, object? value) => cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
}
