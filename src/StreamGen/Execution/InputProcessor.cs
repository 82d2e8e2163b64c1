using StreamGen.Checkpointing;

namespace StreamGen.Execution;

/// <summary>
/// The head of a non-source task: reads its input channels round-robin, one element per channel per
/// call, feeds record batches to the first chained operator and routes barriers and end-of-input through
/// the <see cref="CheckpointBarrierHandler"/>, which decides which channels are held during alignment.
/// </summary>
internal sealed class InputProcessor<TElement> : ITaskInput
{
    private readonly InputChannel<TElement>[] _channels;
    private readonly IOutput<TElement> _head;
    private readonly CheckpointBarrierHandler _barriers;
    private readonly StreamTask _task;
    private int _next;
    private CheckpointBarrier? _pendingBarrier;

    public InputProcessor(InputChannel<TElement>[] channels, IOutput<TElement> head, CheckpointingMode mode, StreamTask task)
    {
        _channels = channels;
        _head = head;
        _task = task;
        _barriers = new CheckpointBarrierHandler(channels.Length, mode);
    }

    public InputStatus ProcessAvailable()
    {
        var any = false;
        var count = _channels.Length;
        var cancellation = _task.Cancellation;
        for (var k = 0; k < count; k++)
        {
            // One batch per channel per call: with many input channels a call could otherwise process as many
            // batches after the attempt was cancelled.
            cancellation.ThrowIfCancellationRequested();
            var channel = _next + k;
            if (channel >= count)
            {
                channel -= count;
            }

            if (_barriers.IsBlocked(channel) || !_channels[channel].TryRead(out var element))
            {
                continue;
            }

            any = true;
            switch (element.Kind)
            {
                case StreamElementKind.Records:
                    var records = element.Records!;
                    var head = _head;
                    for (var i = 0; i < element.Count; i++)
                    {
                        head.Collect(records[i]);
                    }

                    RecordBatchPool<TElement>.Return(records);
                    break;
                case StreamElementKind.Barrier:
                    var barrier = element.Barrier!;
                    var ready = _barriers.OnBarrier(channel, barrier.CheckpointId, out var abandoned);
                    if (abandoned >= 0)
                    {
                        _task.DeclineCheckpoint(abandoned, $"barrier {barrier.CheckpointId} arrived before the alignment of {abandoned} finished");
                    }

                    if (ready)
                    {
                        _task.PerformCheckpoint(barrier, _barriers.LastAlignmentDuration);
                    }

                    if (_barriers.PendingCheckpointId == barrier.CheckpointId)
                    {
                        _pendingBarrier = barrier;
                    }

                    break;
                default:
                    var pending = _pendingBarrier is not null && _barriers.PendingCheckpointId == _pendingBarrier.CheckpointId ? _pendingBarrier : null;
                    if (_barriers.OnEndOfInput(channel) && pending is not null)
                    {
                        _task.PerformCheckpoint(pending, _barriers.LastAlignmentDuration);
                    }

                    if (_barriers.AllFinished)
                    {
                        return InputStatus.EndOfInput;
                    }

                    break;
            }
        }

        _next = _next + 1 == count ? 0 : _next + 1;
        return any ? InputStatus.MoreAvailable : InputStatus.NothingAvailable;
    }

    public void AbortAlignment(long checkpointId) => _barriers.Abort(checkpointId);
}
