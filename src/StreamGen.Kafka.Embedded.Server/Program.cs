using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using StreamGen.Kafka.Embedded;
using StreamGen.Kafka.Embedded.Server;

var parse = ServerCommandLine.Command.Parse(args);
if (parse.Errors.Count > 0)
{
    // Errors and usage on stderr: stdout's first line is the readiness signal parents read.
    parse.Invoke(new InvocationConfiguration { Output = Console.Error });
    return 2;
}

// The command itself has no action: one is present only for --help or --version.
if (parse.Action is not null)
{
    return parse.Invoke();
}

var commandLine = ServerCommandLine.From(parse);

EmbeddedKafkaCluster cluster;
try
{
    cluster = EmbeddedKafkaCluster.Start(commandLine.Options);
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

using var ownedCluster = cluster;
foreach (var topic in commandLine.Topics)
{
    cluster.CreateTopic(topic.Name, topic.Partitions);
}

using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

// The first stdout line is the readiness signal parents wait for.
Console.Out.WriteLine(cluster.BootstrapServers);
Console.Out.Flush();

if (commandLine.WatchStdin)
{
    // A background thread: a blocked ReadLine must not keep the process alive after SIGTERM.
    new Thread(() => ServeCommands(cluster, stop)) { IsBackground = true, Name = "stdin commands" }.Start();
}

stop.Token.WaitHandle.WaitOne();
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

static void ServeCommands(EmbeddedKafkaCluster cluster, CancellationTokenSource stop)
{
    while (Console.In.ReadLine() is { } line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string answer;
        try
        {
            answer = words switch
            {
                [] => "",
                ["create-topic", var name] => CreateTopic(cluster, name, 1),
                ["create-topic", var name, var partitions] => CreateTopic(
                    cluster, name, int.Parse(partitions, CultureInfo.InvariantCulture)),
                _ => $"error unknown command '{line}'",
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            answer = "error " + e.Message.ReplaceLineEndings(" ");
        }

        if (answer.Length > 0)
        {
            Console.Out.WriteLine(answer);
            Console.Out.Flush();
        }
    }

    // stdin closed: the parent is done with us (or died).
    stop.Cancel();
}

static string CreateTopic(EmbeddedKafkaCluster cluster, string name, int partitions)
{
    cluster.CreateTopic(name, partitions);
    return "ok";
}
