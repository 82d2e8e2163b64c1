using System.Runtime.CompilerServices;
using StreamGen.Kafka.Native;

namespace StreamGen.Kafka.Tests.Infrastructure;

/// <summary>
/// Tests create Confluent.Kafka clients of their own, also in the crash-client process: StreamGen's librdkafka must
/// be loaded before the first of them, as an application doing the same would have to.
/// </summary>
internal static class NativeLibraryInitializer
{
    [ModuleInitializer]
    internal static void LoadStreamGenLibrdkafka() => KafkaNativeLibrary.EnsureLoaded();
}
