namespace StreamGen.Storage.S3.Tests.Infrastructure;

/// <summary>One request seen by <see cref="FaultInjectingS3Client"/>.</summary>
/// <param name="Operation">SDK operation name, e.g. <c>PutObject</c>, <c>UploadPart</c>.</param>
/// <param name="Key">The object key (or list prefix).</param>
/// <param name="Number">1-based count of calls of this operation on this client.</param>
public sealed record S3Call(string Operation, string Key, int Number);
