using System.Text.Json;
using MassTransit.Serialization;
using Mediation.Contracts;

namespace Mediation.UnitTests;

/// <summary>What is on the wire stays readable: events published before sequences existed, and the sequence itself.</summary>
public class ContractsTests
{
    [Fact]
    public void An_event_published_before_sequences_existed_reads_with_sequence_0()
    {
        const string before = """{"caseId":"c1","requestingPartyId":"requester-1","holdingPartyId":"holder-1","occurredAt":"2026-11-02T08:00:00Z","partyId":"mediator","officer":"m","sharingStopped":true}""";
        var e = JsonSerializer.Deserialize<CaseVerified>(before, SystemTextJsonMessageSerializer.Options)!;
        Assert.Equal((0, true, "holder-1"), (e.Sequence, e.SharingStopped, e.HoldingPartyId));
    }

    [Fact]
    public void The_sequence_goes_on_the_wire_beside_the_fields_it_had()
    {
        var json = JsonSerializer.Serialize(new CaseForwarded("c1", "holder-1", DateTime.UnixEpoch, "mediator", "m", 3, true), SystemTextJsonMessageSerializer.Options);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(["caseId", "holdingPartyId", "occurredAt", "partyId", "officer", "sequence", "consentOverridden"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, JsonSerializer.Deserialize<CaseForwarded>(json, SystemTextJsonMessageSerializer.Options)!.Sequence);
    }

    [Fact]
    public void Every_event_says_where_it_stands_in_its_producers_order() =>
        Assert.All(typeof(ICaseEvent).Assembly.GetExportedTypes().Where(t => t.IsClass && typeof(ICaseEvent).IsAssignableFrom(t)),
            t => Assert.Contains(t.GetConstructors().Single().GetParameters(), p => p.Name == nameof(ICaseEvent.Sequence) && !p.HasDefaultValue));
}
