using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace StreamGen.Storage.S3;

/// <summary>
/// Runs one S3 request with a per-attempt time limit, retrying transient failures (5xx, throttling,
/// time-outs, lost connections) with capped exponential backoff and jitter. Permanent failures (access
/// denied, no such bucket, ...) and the caller's cancellation end it at once.
/// </summary>
internal sealed class S3RequestRetry(S3CheckpointStorageOptions options, ILogger logger)
{
    private static readonly HashSet<string> TransientErrorCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "SlowDown", "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestLimitExceeded",
        "TooManyRequestsException", "RequestTimeout", "RequestTimeoutException", "InternalError", "ServiceUnavailable",
        "OperationAborted",
    };

    public async Task<T> ExecuteAsync<T>(string operation, string target, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptCancellation.CancelAfter(options.RequestTimeout);
            Exception failure;
            try
            {
                return await request(attemptCancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (attemptCancellation.IsCancellationRequested)
            {
                // Our own per-attempt limit fired (the caller's token did not): a hung request is transient.
                failure = new TimeoutException($"no response within {options.RequestTimeout.TotalMilliseconds:0} ms", ex);
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                failure = ex;
            }
            catch (Exception ex)
            {
                throw Fail(operation, target, attempt, ex);
            }

            if (attempt > options.MaxRetries)
            {
                throw Fail(operation, target, attempt, failure);
            }

            var delay = Backoff(attempt);
            logger.LogWarning(
                "S3 {Operation} of {Target} failed transiently (attempt {Attempt} of {Attempts}): {Reason}. Retrying in {Delay} ms.",
                operation,
                target,
                attempt,
                options.MaxRetries + 1,
                failure.Message,
                (long)delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task ExecuteAsync(string operation, string target, Func<CancellationToken, Task> request, CancellationToken cancellationToken)
        => ExecuteAsync(
            operation,
            target,
            async token =>
            {
                await request(token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>Whether <paramref name="exception"/> is worth retrying.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case AmazonServiceException service when (int)service.StatusCode >= 500
                    || service.StatusCode == HttpStatusCode.TooManyRequests
                    || (service.ErrorCode is { } code && TransientErrorCodes.Contains(code)):
                case HttpRequestException:
                case IOException:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, options.MaxBackoff.TotalMilliseconds);

        // Half to full delay: writers of one checkpoint that were throttled together do not retry in lockstep.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    private static IOException Fail(string operation, string target, int attempts, Exception cause)
    {
        var hint = cause is AmazonServiceException { ErrorCode: { } code } ? code switch
        {
            "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" =>
                " Check the credentials (the standard AWS chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, a role) and the bucket policy.",
            "NoSuchBucket" =>
                " Create the bucket, or fix StreamGen:Checkpointing:StoragePath (s3://bucket/prefix) and StreamGen:S3:ServiceUrl.",
            _ => string.Empty,
        } : string.Empty;
        var tries = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
        return new IOException($"S3 {operation} of {target} failed after {tries}: {cause.Message}.{hint}", cause);
    }
}
