using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace StreamGen.Storage.S3;

/// <summary>
/// Runs one S3 request through a Polly resilience pipeline: a per-attempt time limit inside retries of
/// transient failures (5xx, throttling, time-outs, lost connections) with capped exponential backoff and
/// jitter. Permanent failures (access denied, no such bucket, ...) and the caller's cancellation end it at
/// once. What Polly does not know — which S3 errors are transient, and what a final failure should tell
/// the operator — stays here.
/// </summary>
internal sealed class S3RequestRetry
{
    private static readonly HashSet<string> TransientErrorCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "SlowDown", "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestLimitExceeded",
        "TooManyRequestsException", "RequestTimeout", "RequestTimeoutException", "InternalError", "ServiceUnavailable",
        "OperationAborted",
    };

    private static readonly ResiliencePropertyKey<string> OperationKey = new("streamgen.s3.operation");
    private static readonly ResiliencePropertyKey<string> TargetKey = new("streamgen.s3.target");
    private static readonly ResiliencePropertyKey<int> AttemptsKey = new("streamgen.s3.attempts");

    private readonly S3CheckpointStorageOptions _options;
    private readonly ResiliencePipeline _pipeline;

    public S3RequestRetry(S3CheckpointStorageOptions options, ILogger logger)
    {
        _options = options;
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.InitialBackoff,
                MaxDelay = options.MaxBackoff,

                // Writers of one checkpoint that were throttled together must not retry in lockstep.
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && !args.Context.CancellationToken.IsCancellationRequested && (ex is TimeoutRejectedException || IsTransient(ex))),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "S3 {Operation} of {Target} failed transiently (attempt {Attempt} of {Attempts}): {Reason}. Retrying in {Delay} ms.",
                        args.Context.Properties.GetValue(OperationKey, "request"),
                        args.Context.Properties.GetValue(TargetKey, "?"),
                        args.AttemptNumber + 1,
                        options.MaxRetries + 1,
                        Reason(args.Outcome.Exception!),
                        (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        // Inside the retries: the limit applies to each attempt, and a hung attempt is retried.
        _pipeline = builder.AddTimeout(options.RequestTimeout).Build();
    }

    public async Task<T> ExecuteAsync<T>(string operation, string target, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OperationKey, operation);
        context.Properties.Set(TargetKey, target);
        try
        {
            return await _pipeline.ExecuteAsync(Attempt, context, request).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw Fail(operation, target, context.Properties.GetValue(AttemptsKey, 1), ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
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

    private static async ValueTask<T> Attempt<T>(ResilienceContext context, Func<CancellationToken, Task<T>> request)
    {
        context.Properties.Set(AttemptsKey, context.Properties.GetValue(AttemptsKey, 0) + 1);
        try
        {
            return await request(context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && context.CancellationToken.IsCancellationRequested)
        {
            // The SDK may report an abandoned request as some other error: the timeout (or the caller) cancelled
            // it, so it is a cancellation, which the timeout strategy turns into a retryable time-out.
            throw new OperationCanceledException(ex.Message, ex, context.CancellationToken);
        }
    }

    private string Reason(Exception exception)
        => exception is TimeoutRejectedException ? $"no response within {_options.RequestTimeout.TotalMilliseconds:0} ms" : exception.Message;

    private IOException Fail(string operation, string target, int attempts, Exception cause)
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
        return new IOException($"S3 {operation} of {target} failed after {tries}: {Reason(cause)}.{hint}", cause);
    }
}
