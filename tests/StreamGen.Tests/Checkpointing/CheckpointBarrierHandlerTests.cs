using StreamGen.Checkpointing;

namespace StreamGen.Tests.Checkpointing;

public sealed class CheckpointBarrierHandlerTests
{
    [Fact]
    public void Exactly_once_holds_channels_that_delivered_the_barrier_until_all_did()
    {
        var handler = new CheckpointBarrierHandler(3, CheckpointingMode.ExactlyOnce);

        Assert.False(handler.OnBarrier(0, 1, out _));
        Assert.True(handler.IsBlocked(0));
        Assert.False(handler.IsBlocked(1));
        Assert.False(handler.OnBarrier(2, 1, out _));
        Assert.True(handler.IsBlocked(2));
        Assert.True(handler.OnBarrier(1, 1, out var abandoned));

        Assert.Equal(-1, abandoned);
        Assert.False(handler.IsBlocked(0) || handler.IsBlocked(1) || handler.IsBlocked(2));
    }

    [Fact]
    public void At_least_once_never_holds_a_channel_and_snapshots_on_the_last_barrier()
    {
        var handler = new CheckpointBarrierHandler(2, CheckpointingMode.AtLeastOnce);

        Assert.False(handler.OnBarrier(1, 4, out _));
        Assert.False(handler.IsBlocked(1));
        Assert.True(handler.OnBarrier(0, 4, out _));
    }

    [Fact]
    public void A_newer_barrier_abandons_an_unfinished_alignment()
    {
        var handler = new CheckpointBarrierHandler(2, CheckpointingMode.AtLeastOnce);

        handler.OnBarrier(0, 1, out _);
        Assert.False(handler.OnBarrier(1, 2, out var abandoned));
        Assert.Equal(1, abandoned);
        Assert.False(handler.OnBarrier(0, 1, out _));
        Assert.True(handler.OnBarrier(0, 2, out _));
    }

    [Fact]
    public void End_of_input_on_the_missing_channel_completes_the_alignment()
    {
        var handler = new CheckpointBarrierHandler(2, CheckpointingMode.ExactlyOnce);

        handler.OnBarrier(0, 3, out _);
        Assert.True(handler.OnEndOfInput(1));
        Assert.False(handler.AllFinished);
        Assert.True(handler.IsBlocked(1));
        Assert.False(handler.IsBlocked(0));
    }

    [Fact]
    public void Abort_releases_held_channels_and_ignores_late_barriers_of_that_checkpoint()
    {
        var handler = new CheckpointBarrierHandler(2, CheckpointingMode.ExactlyOnce);

        handler.OnBarrier(0, 5, out _);
        handler.Abort(5);

        Assert.False(handler.IsBlocked(0));
        Assert.False(handler.OnBarrier(1, 5, out _));
        Assert.Equal(-1, handler.PendingCheckpointId);
        Assert.False(handler.OnBarrier(0, 6, out _));
        Assert.True(handler.OnBarrier(1, 6, out _));
    }
}
