using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace StreamGen.Kafka.Embedded;

/// <summary>
/// An embedded broker in a child process (StreamGen.Kafka.Embedded.Server), so a test can
/// SIGKILL the process that runs a job while the broker, and everything written to it,
/// lives on. The child exits when this object is disposed or when the parent dies (its
/// stdin closes).
/// </summary>
/// <remarks>
/// Control protocol on the child's stdin, one command a line, one answer line each on
/// stdout: <c>create-topic &lt;name&gt; [partitions]</c> answers <c>ok</c> or
/// <c>error &lt;message&gt;</c>. The first stdout line is the bootstrap servers.
/// </remarks>
public sealed class EmbeddedKafkaServerProcess : IDisposable
{
    /// <summary>File name of the server entry assembly, copied next to projects that reference it.</summary>
    public const string ServerAssemblyFileName = "StreamGen.Kafka.Embedded.Server.dll";

    private readonly Process _process;
    private readonly StringBuilder _stderr;
    private readonly Lock _gate = new();
    private bool _disposed;

    private EmbeddedKafkaServerProcess(Process process, StringBuilder stderr, string bootstrapServers)
    {
        _process = process;
        _stderr = stderr;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>The <c>bootstrap.servers</c> value for clients.</summary>
    public string BootstrapServers { get; }

    /// <summary>Operating-system id of the broker process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the broker process has ended.</summary>
    public bool HasExited
    {
        get
        {
            lock (_gate)
            {
                return _disposed || _process.HasExited;
            }
        }
    }

    /// <summary>
    /// Starts the broker process and waits until it serves clients.
    /// </summary>
    /// <param name="options">Broker settings; set <see cref="EmbeddedKafkaOptions.Port"/> for a fixed address.</param>
    /// <param name="topics">Topics to create before clients connect.</param>
    /// <param name="serverAssemblyPath">
    /// Path of <see cref="ServerAssemblyFileName"/>; by default the copy next to the running
    /// application, present when the application's project references StreamGen.Kafka.Embedded.Server.
    /// </param>
    /// <param name="startTimeout">How long to wait for the broker; default 30 s.</param>
    public static EmbeddedKafkaServerProcess Start(
        EmbeddedKafkaOptions? options = null,
        IEnumerable<EmbeddedTopic>? topics = null,
        string? serverAssemblyPath = null,
        TimeSpan? startTimeout = null)
    {
        options ??= new EmbeddedKafkaOptions();
        serverAssemblyPath ??= Path.Combine(AppContext.BaseDirectory, ServerAssemblyFileName);
        if (!File.Exists(serverAssemblyPath))
        {
            throw new FileNotFoundException(
                $"The embedded broker server is not at {serverAssemblyPath}. Reference src/StreamGen.Kafka.Embedded.Server " +
                "from the project that starts it, or pass its path.",
                serverAssemblyPath);
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(serverAssemblyPath);
        foreach (var argument in ServerArguments(options, topics ?? []))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the embedded broker process.");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        var firstLine = process.StandardOutput.ReadLineAsync();
        if (!firstLine.Wait(startTimeout ?? TimeSpan.FromSeconds(30)) || string.IsNullOrEmpty(firstLine.Result))
        {
            KillQuietly(process);
            string log;
            lock (stderr)
            {
                log = stderr.ToString();
            }

            throw new InvalidOperationException($"The embedded broker process did not become ready. Its stderr:{Environment.NewLine}{log}");
        }

        return new EmbeddedKafkaServerProcess(process, stderr, firstLine.Result);
    }

    /// <summary>Creates a topic in the broker process.</summary>
    /// <exception cref="InvalidOperationException">The broker refused or is gone.</exception>
    public void CreateTopic(string name, int partitions = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("Topic names cannot contain white space.", nameof(name));
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The embedded broker process exited with code {_process.ExitCode}.");
            }

            _process.StandardInput.WriteLine($"create-topic {name} {partitions.ToString(CultureInfo.InvariantCulture)}");
            _process.StandardInput.Flush();
            var answer = _process.StandardOutput.ReadLine();
            if (answer != "ok")
            {
                throw new InvalidOperationException($"The embedded broker could not create topic '{name}': {answer ?? "the process ended"}.");
            }
        }
    }

    /// <summary>What the broker process wrote to stderr so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Stops the broker: closes its stdin, then kills it if it lingers.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (!_process.HasExited)
            {
                try
                {
                    _process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The pipe is already broken: the process is on its way out.
                }

                if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    KillQuietly(_process);
                }
            }

            _process.Dispose();
        }
    }

    internal static IEnumerable<string> ServerArguments(EmbeddedKafkaOptions options, IEnumerable<EmbeddedTopic> topics)
    {
        if (options.Port is { } port)
        {
            yield return "--port";
            yield return port.ToString(CultureInfo.InvariantCulture);
        }

        yield return "--brokers";
        yield return options.BrokerCount.ToString(CultureInfo.InvariantCulture);
        yield return "--retention-bytes";
        yield return options.PartitionRetentionBytes.ToString(CultureInfo.InvariantCulture);
        yield return "--rebalance-delay-ms";
        yield return ((long)options.GroupInitialRebalanceDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        if (options.Debug is not null)
        {
            yield return "--debug";
            yield return options.Debug;
        }

        foreach (var topic in topics)
        {
            yield return "--topic";
            yield return topic.ToString();
        }
    }

    /// <summary>The running host when it is dotnet (as under dotnet test), else the SDK's or PATH's.</summary>
    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
