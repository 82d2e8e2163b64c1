using System.CommandLine;

namespace StreamGen.Kafka.Embedded.Server;

/// <summary>The server's command line, parsed by System.CommandLine.</summary>
internal sealed record ServerCommandLine(EmbeddedKafkaOptions Options, IReadOnlyList<EmbeddedTopic> Topics, bool WatchStdin)
{
    private static readonly EmbeddedKafkaOptions Defaults = new();

    // Not int?: System.CommandLine would name the type "System.Nullable`1[System.Int32]" in its error message.
    private static readonly Option<int> Port = new("--port") { Description = "Fixed loopback port of broker 1 (broker k: n+k-1); default: any free port.", HelpName = "n" };
    private static readonly Option<int> Brokers = new("--brokers") { Description = "Number of brokers (default 1).", HelpName = "n", DefaultValueFactory = _ => Defaults.BrokerCount };
    private static readonly Option<string[]> Topic = new("--topic") { Description = "Create a topic at start; repeatable.", HelpName = "name[:partitions]" };
    private static readonly Option<long> RetentionBytes = new("--retention-bytes") { Description = "Log bytes kept per partition, 0 = unlimited (default 1 GiB).", HelpName = "n", DefaultValueFactory = _ => Defaults.PartitionRetentionBytes };
    private static readonly Option<int> RebalanceDelay = new("--rebalance-delay-ms") { Description = "Initial consumer-group rebalance delay (default 0).", HelpName = "n", DefaultValueFactory = _ => (int)Defaults.GroupInitialRebalanceDelay.TotalMilliseconds };
    private static readonly Option<string> Debug = new("--debug") { Description = "librdkafka debug contexts to log on stderr, e.g. mock.", HelpName = "contexts" };
    private static readonly Option<bool> NoStdin = new("--no-stdin") { Description = "Ignore stdin; stop only on SIGTERM/SIGINT." };

    /// <summary>The command: its help is the server's usage.</summary>
    internal static RootCommand Command { get; } = CreateCommand();

    /// <summary>The options of a command line that parsed without errors.</summary>
    internal static ServerCommandLine From(ParseResult parse)
    {
        var options = Defaults with
        {
            Port = parse.GetResult(Port) is null ? Defaults.Port : parse.GetValue(Port),
            BrokerCount = parse.GetValue(Brokers),
            PartitionRetentionBytes = parse.GetValue(RetentionBytes),
            GroupInitialRebalanceDelay = TimeSpan.FromMilliseconds(parse.GetValue(RebalanceDelay)),
            Debug = parse.GetValue(Debug) ?? Defaults.Debug,
        };
        var topics = (parse.GetValue(Topic) ?? []).Select(EmbeddedTopic.Parse).ToList();
        return new ServerCommandLine(options, topics, !parse.GetValue(NoStdin));
    }

    private static RootCommand CreateCommand()
    {
        Topic.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                try
                {
                    EmbeddedTopic.Parse(token.Value);
                }
                catch (Exception e) when (e is FormatException or ArgumentException)
                {
                    result.AddError(e.Message);
                }
            }
        });

        return new RootCommand(
            """
            Runs StreamGen's embedded Kafka broker (librdkafka's patched mock cluster) until stdin closes or
            SIGTERM/SIGINT arrives. Prints the bootstrap servers on one stdout line once clients can connect.
            Commands on stdin, one a line, each answered with one stdout line (ok | error <message>):
              create-topic <name> [partitions]
            """)
        {
            Port, Brokers, Topic, RetentionBytes, RebalanceDelay, Debug, NoStdin,
        };
    }
}
