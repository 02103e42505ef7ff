using JanTune.Core.Export;
using JanTune.Core.Inference;
using JanTune.Core.Models;
using JanTune.Core.Storage;
using JanTune.Core.Tests.Fixtures;
using JanTune.Core.Tests.Inference;
using JanTune.Core.Tests.Modeling;

namespace JanTune.Core.Tests.Faults;

/// <summary>
/// A full and a read-only disk, for real (a small tmpfs): each writer ends in a JanTuneException naming the path and
/// the fix, nothing already stored is lost or corrupted, and writing resumes once space is freed.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class DiskFullTests(EngineFixture engine)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public void ResultsStore_DiskFills_ClearErrorKeepsStoredTrialsAndResumesAfterFreeing()
    {
        // Given a store on a small disk holding some trials, then the disk filled up
        using var disk = SmallDisk.Mount(768);
        var db = Path.Combine(disk.Path, "results", "jantune.db");
        var trials = SimulatedMachine.Cpu().MeasureAll(SimulatedMachine.CpuGrid()).ToList();
        Assert.True(trials.Count > 40, "the grid must have trials enough to fill the disk");
        var stored = 0;
        JanTuneException? error = null;
        using (var store = new ResultsStore(db))
        {
            for (; stored < 5; stored++)
            {
                store.Append(trials[stored], Now);
            }

            var filler = disk.Fill();

            // When trials keep coming
            for (; stored < trials.Count && error is null; stored++)
            {
                error = Record.Exception(() => store.Append(trials[stored], Now)) as JanTuneException;
            }

            File.Delete(filler);
        }

        // Then one clear error names the database and the fix
        Assert.NotNull(error);
        Assert.Contains(db, error.Message, StringComparison.Ordinal);
        Assert.Contains("no space left", error.Message, StringComparison.Ordinal);
        Assert.Contains("df -h", error.Hint, StringComparison.Ordinal);

        // And once space is freed, every trial stored before is intact and the same sweep goes on appending
        var before = stored - 1;
        using var reopened = new ResultsStore(db);
        Assert.Equal(trials.Take(before).Select(t => t.TrialId), reopened.Load().Select(t => t.TrialId));
        Assert.True(reopened.Append(trials[before], Now));
        Assert.False(reopened.Append(trials[0], Now)); // a resumed sweep does not duplicate
        Assert.Equal(before + 1, reopened.Load().Count);
    }

    [SkippableFact]
    public void ResultsStore_ReadOnlyDisk_ClearErrorNamingThePath()
    {
        // Given a read-only disk
        using var disk = SmallDisk.Mount(256);
        disk.RemountReadOnly();
        var db = Path.Combine(disk.Path, "results", "jantune.db");

        // When the store is opened there, Then the error says read-only and names the path
        var error = Assert.Throws<JanTuneException>(() => new ResultsStore(db));
        Assert.Contains(db, error.Message, StringComparison.Ordinal);
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void AtomicFileWriter_DiskFull_ClearErrorAndOldFileUntouched()
    {
        // Given an exported file (a Jan model.yml, a profile file) on a disk that then fills up
        using var disk = SmallDisk.Mount(256);
        var file = Path.Combine(disk.Path, "llamacpp", "models", "m", "model.yml");
        var writer = new AtomicFileWriter(TimeProvider.System);
        writer.WriteText(file, "ctx_size: 2048\n");
        var filler = disk.Fill();

        // When a new version is written
        var error = Assert.Throws<JanTuneException>(() => writer.WriteText(file, "ctx_size: 4096\n" + new string('#', 64 * 1024)));

        // Then the error names the file and the fix, the old file is whole, and no temporary or half backup is left
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("no space left", error.Message, StringComparison.Ordinal);
        Assert.Equal("ctx_size: 2048\n", File.ReadAllText(file));
        Assert.Equal(["model.yml"], Directory.GetFiles(Path.GetDirectoryName(file)!).Select(Path.GetFileName));

        // And after freeing space the same write succeeds (with a backup of the old file)
        File.Delete(filler);
        Assert.NotNull(writer.WriteText(file, "ctx_size: 4096\n"));
        Assert.Equal("ctx_size: 4096\n", File.ReadAllText(file));
    }

    [SkippableFact]
    public void AtomicFileWriter_ReadOnlyDisk_ClearErrorNamingThePath()
    {
        using var disk = SmallDisk.Mount(256);
        var file = Path.Combine(disk.Path, "recommended.json");
        File.WriteAllText(file, "{}");
        disk.RemountReadOnly();

        var error = Assert.Throws<JanTuneException>(() => new AtomicFileWriter(TimeProvider.System).WriteText(file, "{\"a\":1}"));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Equal("{}", File.ReadAllText(file));
    }

    [SkippableFact]
    public void SyntheticModelWriter_DiskTooSmall_ClearErrorAndNoPartialModel()
    {
        // Given a 1 MiB disk and the tiny model (about 4 MiB as F16)
        using var disk = SmallDisk.Mount(1024);
        var path = Path.Combine(disk.Path, "models", "tiny-f16.gguf");

        // When it is generated there, Then the error names the file and no partial file is left
        var error = Assert.Throws<JanTuneException>(() => SyntheticModelWriter.WriteF16(SyntheticPresets.Tiny, 1, path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Matches("not enough disk space|no space left", error.Message);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [SkippableFact]
    public void ModelQuantizer_DiskTooSmall_ClearErrorAndNoPartialModel()
    {
        // Given the tiny F16 model on the normal disk and a 512 KiB disk for the Q4_0 result (about 1.2 MiB)
        var f16 = new ModelStore(engine.Paths).Ensure(SyntheticPresets.Tiny, ModelQuantization.F16);
        using var disk = SmallDisk.Mount(512);
        var output = Path.Combine(disk.Path, "tiny-q4_0.gguf");

        // When llama.cpp quantizes into it, Then the error says the disk is full, naming the path
        var error = Assert.Throws<JanTuneException>(() => ModelQuantizer.Quantize(f16, output, ModelQuantization.Q4_0.FileTypeId(), 1));
        Assert.Contains(output, error.Message, StringComparison.Ordinal);
        Assert.Contains("no space left", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(disk.Path));
    }
}
