using JanTune.Server.Threads;

namespace JanTune.Server.Tests.Threads;

public sealed class AdaptiveThreadPolicyTests
{
    private static LoadReading Others(double otherCores, int cores = 8, double ownCores = 0) =>
        new((otherCores + ownCores) / cores * 100, ownCores / cores * 100);

    [Fact]
    public void Target_BalancedIdleMachine_UsesConfiguredThreads()
    {
        var policy = new AdaptiveThreadPolicy(ThreadsMode.Balanced, cores: 8, maxThreads: 8);

        Assert.Equal(8, policy.Target(Others(0)));
    }

    [Fact]
    public void Target_OwnLoadOnly_DoesNotCountAsCompetition()
    {
        var policy = new AdaptiveThreadPolicy(ThreadsMode.Balanced, cores: 8, maxThreads: 8);

        // Our own busy-waiting threads fill every core; nobody else runs.
        Assert.Equal(8, policy.Target(Others(0, ownCores: 8)));
    }

    [Fact]
    public void Target_BalancedThreeCoresTaken_UsesTheFiveFree()
    {
        var policy = new AdaptiveThreadPolicy(ThreadsMode.Balanced, cores: 8, maxThreads: 8);

        Assert.Equal(5, policy.Target(Others(3, ownCores: 5)));
    }

    [Fact]
    public void Target_LightIdleMachine_LeavesOneCoreFree()
    {
        var policy = new AdaptiveThreadPolicy(ThreadsMode.Light, cores: 8, maxThreads: 8);

        Assert.Equal(7, policy.Target(Others(0)));
        Assert.Equal(5, policy.Target(Others(3)));
    }

    [Fact]
    public void Target_PowerSave_IsOneThread()
    {
        var policy = new AdaptiveThreadPolicy(ThreadsMode.PowerSave, cores: 8, maxThreads: 8);

        Assert.Equal(1, policy.Current);
        Assert.Equal(1, policy.Target(Others(0)));
    }

    [Fact]
    public void Target_Fixed_IgnoresLoad()
    {
        var policy = new AdaptiveThreadPolicy(ThreadsMode.Fixed, cores: 8, maxThreads: 6);

        Assert.Equal(6, policy.Target(Others(7)));
    }

    [Fact]
    public void Target_AllCoresTaken_NeverBelowOne()
    {
        var policy = new AdaptiveThreadPolicy(ThreadsMode.Light, cores: 2, maxThreads: 2);

        Assert.Equal(1, policy.Target(Others(2, cores: 2)));
    }

    [Theory]
    [InlineData(0.4, 8)]
    [InlineData(0.6, 7)]
    [InlineData(1.49, 7)]
    [InlineData(1.51, 6)]
    public void Target_FractionalCompetition_RoundsAtThreshold(double others, int expected)
    {
        var policy = new AdaptiveThreadPolicy(ThreadsMode.Balanced, cores: 8, maxThreads: 8, competingThreshold: 0.5);

        Assert.Equal(expected, policy.Target(Others(others)));
    }

    [Fact]
    public void Target_WithScalingMeasurements_PicksFewestThreadsNearTheBestRate()
    {
        // Memory-bound generation: 4 threads are as fast as 6.
        var scaling = new Dictionary<int, double> { [1] = 10, [2] = 18, [4] = 30, [6] = 30.2, [8] = 26 };
        var policy = new AdaptiveThreadPolicy(ThreadsMode.Balanced, cores: 8, maxThreads: 8, scaling);

        Assert.Equal(4, policy.Target(Others(0)));
        Assert.Equal(2, policy.Target(Others(5)));
    }

    [Fact]
    public void Observe_LoadAppearsThenLeaves_SwitchesDownThenUpAfterStableReadings()
    {
        var policy = new AdaptiveThreadPolicy(ThreadsMode.Balanced, cores: 4, maxThreads: 4, stableReadings: 2);

        Assert.Null(policy.Observe(Others(2, cores: 4)));
        Assert.Equal(2, policy.Observe(Others(2, cores: 4)));
        Assert.Equal(2, policy.Current);
        Assert.Null(policy.Observe(Others(2, cores: 4, ownCores: 2)));
        Assert.Null(policy.Observe(Others(0, cores: 4)));
        Assert.Equal(4, policy.Observe(Others(0, cores: 4)));
    }

    [Fact]
    public void Observe_FlappingLoad_DoesNotSwitch()
    {
        var policy = new AdaptiveThreadPolicy(ThreadsMode.Balanced, cores: 4, maxThreads: 4, stableReadings: 2);

        for (var i = 0; i < 6; i++)
        {
            Assert.Null(policy.Observe(Others(i % 2 == 0 ? 2 : 0, cores: 4)));
        }

        Assert.Equal(4, policy.Current);
    }
}
