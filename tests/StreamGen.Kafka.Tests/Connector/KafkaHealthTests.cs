using StreamGen.Kafka;

namespace StreamGen.Kafka.Tests.Connector;

/// <summary>
/// A source's <see cref="KafkaSourceOptions.UnhealthyAfter"/> is its consumer's own limit in the health report,
/// not the host's default.
/// </summary>
public sealed class KafkaHealthTests
{
    [Fact]
    public void A_client_is_unhealthy_after_its_own_limit_and_clients_without_one_after_the_default()
    {
        var strict = "health-test-strict-" + Guid.NewGuid().ToString("N");
        var lenient = "health-test-lenient-" + Guid.NewGuid().ToString("N");
        var undeclared = "health-test-default-" + Guid.NewGuid().ToString("N");
        try
        {
            KafkaHealth.ReportDown(strict, "all brokers down", TimeSpan.Zero);
            KafkaHealth.ReportDown(lenient, "all brokers down", TimeSpan.FromHours(1));
            KafkaHealth.ReportDown(undeclared, "all brokers down");
            Thread.Sleep(20);

            // A default below every client's downtime: only the lenient client's own hour keeps it healthy.
            var afterShortDefault = KafkaHealth.UnreachableLongerThan(TimeSpan.FromMilliseconds(1));
            Assert.Contains(afterShortDefault, e => e.StartsWith(strict + ":", StringComparison.Ordinal));
            Assert.Contains(afterShortDefault, e => e.StartsWith(undeclared + ":", StringComparison.Ordinal));
            Assert.DoesNotContain(afterShortDefault, e => e.StartsWith(lenient + ":", StringComparison.Ordinal));

            // A long default: only the client whose own limit is zero is unhealthy.
            var afterLongDefault = KafkaHealth.UnreachableLongerThan(TimeSpan.FromHours(2));
            Assert.Contains(afterLongDefault, e => e.StartsWith(strict + ":", StringComparison.Ordinal));
            Assert.DoesNotContain(afterLongDefault, e => e.StartsWith(undeclared + ":", StringComparison.Ordinal));
            Assert.DoesNotContain(afterLongDefault, e => e.StartsWith(lenient + ":", StringComparison.Ordinal));
        }
        finally
        {
            KafkaHealth.ReportUp(strict);
            KafkaHealth.ReportUp(lenient);
            KafkaHealth.ReportUp(undeclared);
        }

        Assert.DoesNotContain(KafkaHealth.UnreachableLongerThan(TimeSpan.Zero), e => e.StartsWith("health-test-", StringComparison.Ordinal) && (e.StartsWith(strict, StringComparison.Ordinal) || e.StartsWith(lenient, StringComparison.Ordinal) || e.StartsWith(undeclared, StringComparison.Ordinal)));
    }
}
