using StreamGen.Recovery;

namespace StreamGen.Tests.Recovery;

public sealed class RestartStrategyTests
{
    [Fact]
    public void Fixed_delay_restarts_the_configured_number_of_times()
    {
        var strategy = RestartStrategy.FixedDelay(2, TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), strategy.GetDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(3), strategy.GetDelay(2));
        Assert.Null(strategy.GetDelay(3));
    }

    [Fact]
    public void Exponential_backoff_multiplies_up_to_the_maximum()
    {
        var strategy = RestartStrategy.ExponentialBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), 2.0, maxAttempts: 5);

        Assert.Equal(
            [100, 200, 400, 500, 500],
            Enumerable.Range(1, 5).Select(i => (int)strategy.GetDelay(i)!.Value.TotalMilliseconds));
        Assert.Null(strategy.GetDelay(6));
    }

    [Fact]
    public void None_never_restarts()
    {
        Assert.Null(RestartStrategy.None.GetDelay(1));
    }
}
