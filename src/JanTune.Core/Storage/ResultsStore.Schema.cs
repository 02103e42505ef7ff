namespace JanTune.Core.Storage;

public sealed partial class ResultsStore
{
    /// <summary>Indexed columns for queries; result_json holds the whole <see cref="Sweeps.TrialResult"/>.</summary>
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS trials (
            seq            INTEGER PRIMARY KEY AUTOINCREMENT,
            trial_id       TEXT NOT NULL,
            profile_id     TEXT NOT NULL,
            model_identity TEXT NOT NULL,
            config_key     TEXT NOT NULL,
            test           TEXT NOT NULL,
            llama_build    TEXT NOT NULL,
            backend        TEXT NOT NULL,
            model_file     TEXT NOT NULL,
            quant          TEXT NOT NULL,
            ngl            INTEGER NOT NULL,
            threads        INTEGER NOT NULL,
            status         TEXT NOT NULL,
            mean_tps       REAL,
            stddev_tps     REAL,
            started_at     TEXT NOT NULL,
            recorded_at    TEXT NOT NULL,
            result_json    TEXT NOT NULL,
            UNIQUE (profile_id, model_identity, config_key, test, llama_build)
        );
        CREATE INDEX IF NOT EXISTS trials_by_profile ON trials (profile_id, test, status);
        CREATE UNIQUE INDEX IF NOT EXISTS trials_by_id ON trials (trial_id);
        CREATE TRIGGER IF NOT EXISTS trials_append_only_update BEFORE UPDATE ON trials
            BEGIN SELECT RAISE(ABORT, 'trials are append-only'); END;
        CREATE TRIGGER IF NOT EXISTS trials_append_only_delete BEFORE DELETE ON trials
            BEGIN SELECT RAISE(ABORT, 'trials are append-only'); END;
        """;

    private const string InsertSql = """
        INSERT INTO trials (trial_id, profile_id, model_identity, config_key, test, llama_build, backend, model_file, quant,
                            ngl, threads, status, mean_tps, stddev_tps, started_at, recorded_at, result_json)
        VALUES ($trial_id, $profile_id, $model_identity, $config_key, $test, $llama_build, $backend, $model_file, $quant,
                $ngl, $threads, $status, $mean_tps, $stddev_tps, $started_at, $recorded_at, $result_json)
        ON CONFLICT DO NOTHING
        """;
}
