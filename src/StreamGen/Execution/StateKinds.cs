namespace StreamGen.Execution;

/// <summary>The kinds of subtask state recorded in checkpoint metadata.</summary>
internal static class StateKinds
{
    /// <summary>Keyed state, split by key-group range, redistributed on rescale.</summary>
    public const string Keyed = "keyed";

    /// <summary>Operator state of a non-keyed operator, restored by subtask index.</summary>
    public const string Operator = "operator";

    /// <summary>Source positions, restored as union state (every subtask sees all old states).</summary>
    public const string Source = "source";

    /// <summary>Sink state (e.g. pre-committed transactions), restored as union state.</summary>
    public const string Sink = "sink";
}
