using System.Globalization;

namespace StreamGen.Kafka.Embedded.Server;

/// <summary>The server's parsed command line.</summary>
internal sealed record ServerCommandLine(EmbeddedKafkaOptions Options, IReadOnlyList<EmbeddedTopic> Topics, bool WatchStdin)
{
    internal const string Usage =
        """
        Usage: StreamGen.Kafka.Embedded.Server [options]

        Runs StreamGen's embedded Kafka broker (librdkafka's patched mock cluster) until
        stdin closes or SIGTERM/SIGINT arrives. Prints the bootstrap servers on one stdout
        line once clients can connect.

        Options:
          --port <n>                 fixed loopback port of broker 1 (broker k: n+k-1); default: any free port
          --brokers <n>              number of brokers (default 1)
          --topic <name>[:<parts>]   create a topic at start; repeatable
          --retention-bytes <n>      log bytes kept per partition, 0 = unlimited (default 1 GiB)
          --rebalance-delay-ms <n>   initial consumer-group rebalance delay (default 0)
          --debug <contexts>         librdkafka debug contexts to log on stderr, e.g. mock
          --no-stdin                 ignore stdin; stop only on SIGTERM/SIGINT

        Commands on stdin, one a line, each answered with one stdout line (ok | error <message>):
          create-topic <name> [partitions]
        """;

    /// <exception cref="FormatException">An argument is unknown or malformed.</exception>
    internal static ServerCommandLine Parse(IReadOnlyList<string> args)
    {
        var options = new EmbeddedKafkaOptions();
        var topics = new List<EmbeddedTopic>();
        var watchStdin = true;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--port":
                    options = options with { Port = Int(Value(ref i)) };
                    break;
                case "--brokers":
                    options = options with { BrokerCount = Int(Value(ref i)) };
                    break;
                case "--topic":
                    topics.Add(EmbeddedTopic.Parse(Value(ref i)));
                    break;
                case "--retention-bytes":
                    options = options with { PartitionRetentionBytes = long.Parse(Value(ref i), CultureInfo.InvariantCulture) };
                    break;
                case "--rebalance-delay-ms":
                    options = options with { GroupInitialRebalanceDelay = TimeSpan.FromMilliseconds(Int(Value(ref i))) };
                    break;
                case "--debug":
                    options = options with { Debug = Value(ref i) };
                    break;
                case "--no-stdin":
                    watchStdin = false;
                    break;
                default:
                    throw new FormatException($"Unknown argument '{args[i]}'.");
            }
        }

        return new ServerCommandLine(options, topics, watchStdin);

        string Value(ref int i) =>
            ++i < args.Count ? args[i] : throw new FormatException($"{args[i - 1]} needs a value.");

        static int Int(string text) =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new FormatException($"'{text}' is not a number.");
    }
}
