using StreamGen.Kafka.Tests.Infrastructure;

namespace StreamGen.Kafka.Tests.CrashClient;

/// <summary>
/// Entry point of this assembly when run as a process (<c>dotnet exec
/// StreamGen.Kafka.Tests.dll ...</c>): a Kafka client that a crash test SIGKILLs at a known
/// step. The test host never calls it.
/// </summary>
public static class CrashClientProgram
{
    /// <summary>Value of the record committed before the crash.</summary>
    public const string CommittedValue = "committed-before-crash";

    /// <summary>Value of the record whose transaction is open when the process dies.</summary>
    public const string InFlightValue = "in-flight-at-crash";

    /// <summary>Line printed once the open transaction's record is on the broker.</summary>
    public const string ReadyLine = "ready-to-be-killed";

    /// <summary>
    /// <c>open-transaction &lt;bootstrap&gt; &lt;topic&gt; &lt;transactional.id&gt;</c>: commits one
    /// record, leaves a second one in an open transaction, prints <see cref="ReadyLine"/>
    /// and waits to be killed.
    /// </summary>
    public static int Main(string[] args)
    {
        if (args is not ["open-transaction", var bootstrapServers, var topic, var transactionalId])
        {
            Console.Error.WriteLine("usage: open-transaction <bootstrap> <topic> <transactional.id>");
            return 2;
        }

        using var producer = KafkaClients.TransactionalProducer(bootstrapServers, transactionalId);
        producer.InitTransactions(KafkaClients.OperationTimeout);
        producer.BeginTransaction();
        producer.ProduceAsync(topic, new() { Key = "k", Value = CommittedValue }).GetAwaiter().GetResult();
        producer.CommitTransaction(KafkaClients.OperationTimeout);

        producer.BeginTransaction();
        producer.ProduceAsync(topic, new() { Key = "k", Value = InFlightValue }).GetAwaiter().GetResult();
        Console.Out.WriteLine(ReadyLine);
        Console.Out.Flush();

        Thread.Sleep(Timeout.Infinite);
        return 0;
    }
}
