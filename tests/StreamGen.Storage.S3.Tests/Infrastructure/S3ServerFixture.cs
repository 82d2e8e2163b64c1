using System.Diagnostics;
using System.Reflection;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using StreamGen.Storage.S3;

namespace StreamGen.Storage.S3.Tests.Infrastructure;

/// <summary>
/// The S3 endpoint the tests run against. By default a local s3rver (npm package, installed on first use
/// into the git-ignored <c>s3rver/node_modules</c>) on a free loopback port with a temporary data directory.
/// With <c>STREAMGEN_TEST_S3</c> set: that endpoint (<c>http://host:port</c>, or <c>aws</c> for AWS S3 in
/// <c>AWS_REGION</c>) and the bucket <c>STREAMGEN_TEST_S3_BUCKET</c>, with credentials from the standard AWS
/// chain. If npm or node cannot be run the tests fail, never skip.
/// </summary>
public sealed class S3ServerFixture : IAsyncLifetime
{
    private const string LocalBucket = "streamgen-tests";

    // s3rver accepts this key pair (and signs nothing else).
    private static readonly BasicAWSCredentials LocalCredentials = new("S3RVER", "S3RVER");

    private readonly StringBuilder _serverOutput = new();
    private Process? _server;
    private string? _dataDirectory;

    /// <summary>The endpoint, or null for AWS S3 itself.</summary>
    public string? ServiceUrl { get; private set; }

    public string Bucket { get; private set; } = LocalBucket;

    /// <summary>Null: the standard AWS chain.</summary>
    public AWSCredentials? Credentials { get; private set; }

    /// <summary>Every location handed out lives under this prefix, so runs against a shared bucket do not meet.</summary>
    public string RunPrefix { get; } = "streamgen-tests/" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    public string ServerOutput
    {
        get
        {
            lock (_serverOutput)
            {
                return _serverOutput.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("STREAMGEN_TEST_S3");
        if (!string.IsNullOrWhiteSpace(external))
        {
            ServiceUrl = external.Equals("aws", StringComparison.OrdinalIgnoreCase) ? null : external;
            Bucket = Environment.GetEnvironmentVariable("STREAMGEN_TEST_S3_BUCKET") is { Length: > 0 } bucket
                ? bucket
                : throw new InvalidOperationException("STREAMGEN_TEST_S3 is set but STREAMGEN_TEST_S3_BUCKET is not: name a bucket the tests may write to (they write under streamgen-tests/).");
            Credentials = null;
            return;
        }

        var directory = InstallServer();
        _dataDirectory = Path.Combine(Path.GetTempPath(), "sg-s3rver-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(directory, "server.js"), _dataDirectory, LocalBucket })
        {
            start.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _server = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Could not start node for the local S3 server ({ex.Message}). Install Node.js (apt-get install nodejs npm), or set STREAMGEN_TEST_S3 to an S3 endpoint.", ex);
        }

        _server.OutputDataReceived += (_, e) => OnOutput(e.Data, listening);
        _server.ErrorDataReceived += (_, e) => OnOutput(e.Data, null);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var exited = _server.WaitForExitAsync();

        // Generous: the machine may be busy with other builds.
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(90))).ConfigureAwait(false);
        if (first != listening.Task)
        {
            var state = _server.HasExited ? $"exited with code {_server.ExitCode}" : "did not report listening within 90 s";
            throw new InvalidOperationException($"The local S3 server (node s3rver/server.js) {state}. Its output:\n{ServerOutput}");
        }

        var port = await listening.Task.ConfigureAwait(false);
        ServiceUrl = $"http://127.0.0.1:{port}";
        Credentials = LocalCredentials;
    }

    public async Task DisposeAsync()
    {
        if (_server is { } server)
        {
            // Closing stdin is the server's signal to exit; the kill is for a server that hangs.
            server.StandardInput.Close();
            if (!server.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync().ConfigureAwait(false);
            }

            server.Dispose();
        }

        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    /// <summary>A fresh <c>s3://bucket/prefix</c> no other test writes to.</summary>
    public string NewLocation(string name) => $"s3://{Bucket}/{RunPrefix}/{name}-{Guid.NewGuid():N}";

    /// <summary>Options for this endpoint, with short backoffs so retry tests do not dawdle.</summary>
    public S3CheckpointStorageOptions Options(Action<S3CheckpointStorageOptions>? configure = null)
    {
        var options = new S3CheckpointStorageOptions
        {
            ServiceUrl = ServiceUrl,
            Credentials = Credentials,
            Region = ServiceUrl is null ? null : "us-east-1",
            InitialBackoff = TimeSpan.FromMilliseconds(10),
            MaxBackoff = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A client the storage would build for <paramref name="options"/>, with faults injectable.</summary>
    public FaultInjectingS3Client Client(S3CheckpointStorageOptions options) => FaultInjectingS3Client.Create(options);

    /// <summary>A plain client, for tests that tamper with objects behind the storage's back.</summary>
    public IAmazonS3 RawClient() => FaultInjectingS3Client.Create(Options());

    private void OnOutput(string? line, TaskCompletionSource<int>? listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_serverOutput)
        {
            _serverOutput.AppendLine(line);
        }

        if (listening is not null && line.StartsWith("listening ", StringComparison.Ordinal)
            && int.TryParse(line.AsSpan("listening ".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port))
        {
            listening.TrySetResult(port);
        }
    }

    private static string InstallServer()
    {
        var projectDirectory = typeof(S3ServerFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;
        var directory = Path.Combine(projectDirectory, "s3rver");
        if (File.Exists(Path.Combine(directory, "node_modules", "s3rver", "bin", "s3rver.js")))
        {
            return directory;
        }

        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "install", "--prefix", directory, "--no-audit", "--no-fund", "--loglevel=error" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Could not run npm to install the local S3 server s3rver into {directory} ({ex.Message}). Install Node.js and npm, or set STREAMGEN_TEST_S3 to an S3 endpoint.", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"npm install of s3rver into {directory} did not finish within 5 minutes.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm install of s3rver into {directory} exited with {process.ExitCode}:\n{stderr.Result}\n{stdout.Result}");
            }
        }

        return directory;
    }
}
