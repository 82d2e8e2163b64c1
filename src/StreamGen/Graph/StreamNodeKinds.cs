namespace StreamGen.Graph;

/// <summary>
/// The kinds of user-operator nodes, which are also their default names. The runtime names such an operator
/// after its class instead, when the user gave it no name: errors then say <c>RunningCount</c>, not <c>KeyedProcess</c>.
/// </summary>
internal static class StreamNodeKinds
{
    public const string Process = "Process";

    public const string KeyedProcess = "KeyedProcess";
}
