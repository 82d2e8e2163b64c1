using StreamGen.FaultInjection;

namespace StreamGen.Tests.FaultInjection;

public sealed class FaultInjectorTests : IDisposable
{
    public FaultInjectorTests() => FaultInjector.Reset();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(FaultInjector.EnvironmentVariable, null);
        FaultInjector.Reset();
    }

    [Fact]
    public void Inert_until_armed_then_fires_on_the_configured_hit_once()
    {
        Assert.False(FaultInjector.IsEnabled);
        FaultInjector.Arm(CrashPoint.AfterAckBeforeComplete, onHit: 3);

        FaultInjector.Hit(CrashPoint.AfterAckBeforeComplete, "test");
        FaultInjector.Hit(CrashPoint.AfterAckBeforeComplete, "test");
        var error = Assert.Throws<InjectedFailureException>(() => FaultInjector.Hit(CrashPoint.AfterAckBeforeComplete, "test"));
        FaultInjector.Hit(CrashPoint.AfterAckBeforeComplete, "test");
        FaultInjector.Hit(CrashPoint.MidEpoch, "test");

        Assert.Equal(CrashPoint.AfterAckBeforeComplete, error.Point);
        Assert.Contains("after-ack-before-complete", error.Message);
        Assert.Equal(1, FaultInjector.FiredCount(CrashPoint.AfterAckBeforeComplete));
    }

    [Fact]
    public void Environment_variable_arms_points_for_child_processes()
    {
        Environment.SetEnvironmentVariable(FaultInjector.EnvironmentVariable, "during-restore:2:throw,mid-epoch:p0.5:kill");

        FaultInjector.ArmFromEnvironment();

        Assert.True(FaultInjector.IsEnabled);
        FaultInjector.Hit(CrashPoint.DuringRestore, "test");
        Assert.Throws<InjectedFailureException>(() => FaultInjector.Hit(CrashPoint.DuringRestore, "test"));
    }

    [Fact]
    public void Malformed_environment_variable_is_reported()
    {
        Environment.SetEnvironmentVariable(FaultInjector.EnvironmentVariable, "after-lunch:1");

        var error = Assert.Throws<FormatException>(FaultInjector.ArmFromEnvironment);

        Assert.Contains("after-lunch", error.Message);
        Assert.Contains("mid-epoch", error.Message);
    }
}
