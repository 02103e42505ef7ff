using System.Globalization;
using System.Text.Json;
using JanTune.Core.Inference;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Worker;
using JanTune.Core.Tests.Fixtures;

namespace JanTune.Core.Tests.Sweeps;

public sealed class ResultsCsvImporterTests : IDisposable
{
    private static readonly DateTimeOffset Recorded = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("jantune-import-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Read_ExportedTrials_StoreThemEqualFieldByFieldInASecondStore()
    {
        // Given a store with an ok CUDA trial (energy split, TTFT) and a failed CPU trial, both on a tiny GGUF
        var model = WriteModel("tiny.gguf");
        using var first = new ResultsStore(Path.Combine(_dir.FullName, "a.db"));
        first.AppendAll([Trial(model, "cuda", TrialStatus.Ok), Trial(model, "cpu", TrialStatus.Failed)], Recorded);
        var exported = first.Load();

        // When they are exported as CSV and imported into a second store under the same profile
        var trials = ResultsCsvImporter.Read(new StringReader(Export(exported)), "p", Locator());
        using var second = new ResultsStore(Path.Combine(_dir.FullName, "b.db"));
        var added = second.AppendAll(trials, Recorded);

        // Then every field the CSV carries comes back; min and max, which it does not carry, read as unknown (NaN)
        Assert.Equal(2, added);
        var expected = exported.Select(t => t with { Stats = t.Stats is { } s ? s with { Min = double.NaN, Max = double.NaN } : null });
        Assert.Equal(expected.Select(Json), second.Load().Select(Json));
        Assert.Equal("CUDA0 ran out of memory", second.Load()[1].Error);
    }

    [Fact]
    public void AppendAll_SameCsvImportedTwice_AddsNothingTheSecondTime()
    {
        // Given a CSV of two trials already imported once
        var model = WriteModel("tiny.gguf");
        var csv = Export([Trial(model, "cuda", TrialStatus.Ok), Trial(model, "cpu", TrialStatus.Ok)]);
        using var store = new ResultsStore(Path.Combine(_dir.FullName, "a.db"));
        store.AppendAll(ResultsCsvImporter.Read(new StringReader(csv), "p", Locator()), Recorded);

        // When it is imported again
        var added = store.AppendAll(ResultsCsvImporter.Read(new StringReader(csv), "p", Locator()), Recorded);

        // Then the store's trial identity recognises every row
        Assert.Equal(0, added);
        Assert.Equal(2, store.Load("p").Count);
    }

    [Theory]
    [InlineData("Threads", "two", "line 3, column Threads: 'two' is not a whole number")]
    [InlineData("MeanTps", "12,5", "line 3, column MeanTps: '12,5' is not a number")]
    [InlineData("Backend", "rocm", "line 3, column Backend: unknown backend 'rocm'")]
    public void Read_MalformedSecondRow_NamesLineAndColumnAndImportsNothing(string column, string value, string message)
    {
        // Given a CSV whose second trial has a bad value in one column
        var model = WriteModel("tiny.gguf");
        var csv = Export([Trial(model, "cuda", TrialStatus.Ok), Trial(model, "cpu", TrialStatus.Ok)]);
        var lines = csv.Split('\n');
        var index = Array.IndexOf(lines[0].Split(','), column);
        var fields = lines[2].Split(',');
        fields[index] = value.Contains(',', StringComparison.Ordinal) ? $"\"{value}\"" : value;
        lines[2] = string.Join(',', fields);
        using var store = new ResultsStore(Path.Combine(_dir.FullName, "a.db"));

        // When it is read
        var error = Assert.Throws<JanTuneException>(() => store.AppendAll(ResultsCsvImporter.Read(new StringReader(string.Join('\n', lines)), "p", Locator()), Recorded));

        // Then the error names the line and column and says nothing was imported; the store holds nothing
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", error.Message, StringComparison.Ordinal);
        Assert.Empty(store.Load());
    }

    [Fact]
    public void Read_ErrorTextSpanningLines_CountsLinesOfTheFileNotRecords()
    {
        // Given a failed trial whose error spans two lines, followed by a trial with a bad thread count
        var model = WriteModel("tiny.gguf");
        var failed = Trial(model, "cuda", TrialStatus.Failed) with { Error = "load failed:\nCUDA0 ran out of memory" };
        var csv = Export([failed, Trial(model, "cpu", TrialStatus.Ok)]);
        var lines = csv.Split('\n');
        var threads = Array.IndexOf(lines[0].Split(','), "Threads");
        var fields = lines[3].Split(',');
        fields[threads] = "2.5";
        lines[3] = string.Join(',', fields);

        // When it is read
        var error = Assert.Throws<JanTuneException>(() => ResultsCsvImporter.Read(new StringReader(string.Join('\n', lines)), "p", Locator()));

        // Then the error points at line 4, where the bad row is in the file
        Assert.StartsWith("line 4, column Threads: '2.5' is not a whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongHeader_SaysWhichColumnsAreMissing()
    {
        // Given a CSV that is not an export
        var csv = "name,tps\n1b,40\n";

        // When it is read
        var error = Assert.Throws<JanTuneException>(() => ResultsCsvImporter.Read(new StringReader(csv), "p", Locator()));

        // Then the error names the missing columns and the command that writes the right file
        Assert.Contains("missing column(s) TrialId, ProfileId, Backend", error.Message, StringComparison.Ordinal);
        Assert.Contains("results export --csv", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ModelFileNotFound_NamesTheFileAndBothFixes()
    {
        // Given a CSV whose trials ran on a GGUF that is not on this machine
        var model = WriteModel("tiny.gguf");
        var csv = Export([Trial(model, "cpu", TrialStatus.Ok)]).Replace("tiny.gguf", "7b-q4_0.gguf", StringComparison.Ordinal);

        // When it is read
        var error = Assert.Throws<JanTuneException>(() => ResultsCsvImporter.Read(new StringReader(csv), "p", Locator()));

        // Then it fails naming the file and the row, and says to pass --models-dir or synthesize the model
        Assert.Contains("line 2, column Model: model file 7b-q4_0.gguf not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("--models-dir", error.Hint, StringComparison.Ordinal);
        Assert.Contains("jantune model synth", error.Hint, StringComparison.Ordinal);
    }

    private ImportModelLocator Locator() => new([_dir.FullName]);

    private string WriteModel(string name)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllBytes(path, TinyModel.Bytes);
        return path;
    }

    private static string Export(IEnumerable<TrialResult> trials)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        ResultsCsvExporter.Write(trials, text);
        return text.ToString();
    }

    private static string Json(TrialResult t) => JsonSerializer.Serialize(t, SweepJson.Options);

    private static TrialResult Trial(string model, string backend, TrialStatus status)
    {
        var config = new TrialConfig
        {
            Backend = backend,
            ModelPath = model,
            Quant = "f16",
            GpuLayers = backend == "cpu" ? 0 : 3,
            Threads = 2,
            UBatchSize = 256,
            ContextSize = 1024,
            FlashAttention = FlashAttention.On,
            WeightRepack = false,
            CpuMoeLayers = backend == "cpu" ? 0 : 1,
        };
        var identity = TrialIdentity.ModelFile(model);
        var ok = status == TrialStatus.Ok;
        return new TrialResult
        {
            TrialId = TrialIdentity.Trial("p", identity, ResultsStore.StoreKey(config), TrialTest.Pp512.Name, "b7000"),
            ProfileId = "p",
            LlamaBuild = "b7000",
            CpuVariant = "zen4",
            Config = config,
            Test = TrialTest.Pp512,
            Status = status,
            Error = ok ? null : "CUDA0 ran out of memory",
            Stats = ok ? new SampleStatistics(3, 812.4, 3.1, 811.9, 808.0, 816.3, 804.7, 820.1, SampleStatisticsCalculator.Level, 0) : null,
            ModelIdentity = identity,
            Model = ModelFacts.Read(model),
            LlamaPerfTokensPerSecond = ok ? 813.25 : null,
            TimeToFirstTokenMs = ok ? 630.5 : null,
            PeakRssBytes = 123_456_789,
            DeviceMemoryBytes = backend == "cpu" ? null : 987_654_321,
            PredictedMemoryBytes = 1_000_000_000,
            DryRunHostBytes = 600_000_000,
            DryRunDeviceBytes = 0,
            PowerWatts = backend == "cpu" ? null : 310.5,
            JoulesPerToken = backend == "cpu" ? null : 0.38,
            GpuJoulesPerToken = backend == "cpu" ? null : 0.3,
            CpuJoulesPerToken = backend == "cpu" ? null : 0.08,
            EnergyScope = backend == "cpu" ? null : "gpu+cpu",
            EnergyUnavailableReason = backend == "cpu" ? "RAPL: not present, so none" : null,
            StartedAt = new DateTimeOffset(2026, 11, 30, 22, 45, 10, TimeSpan.Zero).AddTicks(2923599),
        };
    }
}
